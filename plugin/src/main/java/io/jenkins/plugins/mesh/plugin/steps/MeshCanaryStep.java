package io.jenkins.plugins.mesh.plugin.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.mesh.engine.KubernetesName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code meshCanary}: shifts traffic from the stable to the canary version step by step, checks the metrics after
 * each interval, and promotes, holds, or restores the routes exactly as they were. Returns the outcome
 * ({@code promoted}, {@code held}, {@code rolled-back}); a failed rollout fails the step after restoring.
 */
public class MeshCanaryStep extends MeshRouteStep {

    static final List<Integer> DEFAULT_STEPS = List.of(10, 25, 50);
    static final String DEFAULT_INTERVAL = "1m";
    private static final Pattern DURATION = Pattern.compile("\\d+(ms|s|m|h)");

    private final String stable;
    private final String canary;
    private List<Integer> steps = DEFAULT_STEPS;
    private String interval = DEFAULT_INTERVAL;
    private List<MeshCheck> checks = List.of();
    private String metrics;
    private boolean promote = true;
    private int failureLimit;
    private boolean dryRun;

    @DataBoundConstructor
    public MeshCanaryStep(String cluster, String stable, String canary) {
        super(cluster);
        this.stable = Util.fixEmptyAndTrim(stable);
        this.canary = Util.fixEmptyAndTrim(canary);
    }

    /** The stable version: a DestinationRule subset (VirtualService) or a backend Service (HTTPRoute). */
    public String getStable() {
        return stable;
    }

    public String getCanary() {
        return canary;
    }

    /** Canary weights in percent, in order; the last one is held or followed by promotion. */
    public List<Integer> getSteps() {
        return steps;
    }

    @DataBoundSetter
    public void setSteps(List<Integer> steps) {
        this.steps = steps == null || steps.isEmpty() ? DEFAULT_STEPS : List.copyOf(steps);
    }

    /** How long each step runs before its checks are evaluated: {@code 30s}, {@code 1m}, {@code 5m}. */
    public String getInterval() {
        return interval;
    }

    @DataBoundSetter
    public void setInterval(String interval) {
        String value = Util.fixEmptyAndTrim(interval);
        this.interval = value == null ? DEFAULT_INTERVAL : value;
    }

    public List<MeshCheck> getChecks() {
        return checks;
    }

    @DataBoundSetter
    public void setChecks(List<MeshCheck> checks) {
        this.checks = checks == null ? List.of() : List.copyOf(checks);
    }

    /** The name of the configured metric server the checks query. */
    public String getMetrics() {
        return metrics;
    }

    @DataBoundSetter
    public void setMetrics(String metrics) {
        this.metrics = Util.fixEmptyAndTrim(metrics);
    }

    /** Whether to send all traffic to the canary after the last step passes; otherwise hold the last weight. */
    public boolean isPromote() {
        return promote;
    }

    @DataBoundSetter
    public void setPromote(boolean promote) {
        this.promote = promote;
    }

    /** How many failed check evaluations are tolerated before the routes are restored. */
    public int getFailureLimit() {
        return failureLimit;
    }

    @DataBoundSetter
    public void setFailureLimit(int failureLimit) {
        this.failureLimit = Math.max(0, failureLimit);
    }

    /** Plan and print every change without writing to the cluster. */
    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new MeshCanaryExecution(context, planJson());
    }

    /** Checks the parameters and writes them as the plan JSON the execution keeps. */
    String planJson() throws AbortException {
        checkTarget("meshCanary");
        if (stable == null || canary == null || stable.equals(canary)) {
            throw new AbortException(Messages.MeshCanaryStep_StableCanary());
        }
        for (int weight : steps) {
            if (weight < 0 || weight > 100) {
                throw new AbortException(Messages.MeshCanaryStep_BadWeight(weight));
            }
        }
        if (!DURATION.matcher(interval).matches()) {
            throw new AbortException(Messages.MeshCanaryStep_BadInterval(interval));
        }
        if (!checks.isEmpty() && metrics == null) {
            throw new AbortException(Messages.MeshCanaryStep_ChecksNeedMetrics());
        }
        List<Map<String, Object>> checkPlans = new ArrayList<>();
        for (MeshCheck check : checks) {
            String problem = check.problem();
            if (problem != null) {
                throw new AbortException(problem);
            }
            checkPlans.add(check.plan());
        }
        Map<String, Object> plan = targetPlan();
        plan.put("stable", stable);
        plan.put("canary", canary);
        plan.put("steps", steps);
        plan.put("interval", interval);
        plan.put("checks", checkPlans);
        plan.put("metrics", metrics);
        plan.put("promote", promote);
        plan.put("failureLimit", failureLimit);
        plan.put("dryRun", dryRun);
        return PlanJson.write(plan);
    }

    @Extension
    @Symbol("meshCanary")
    public static final class DescriptorImpl extends MeshStepDescriptor {

        @Override
        public String getFunctionName() {
            return "meshCanary";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.MeshCanaryStep_DisplayName();
        }

        public FormValidation doCheckStable(@QueryParameter String value) {
            return requiredName(value);
        }

        public FormValidation doCheckCanary(@QueryParameter String value) {
            return requiredName(value);
        }

        public FormValidation doCheckInterval(@QueryParameter String value) {
            String v = Util.fixEmptyAndTrim(value);
            return v == null || DURATION.matcher(v).matches() ? FormValidation.ok()
                    : FormValidation.error(Messages.MeshCanaryStep_BadInterval(v));
        }

        public FormValidation doCheckFailureLimit(@QueryParameter String value) {
            return Util.fixEmptyAndTrim(value) == null ? FormValidation.ok()
                    : FormValidation.validateNonNegativeInteger(value);
        }

        static FormValidation requiredName(String value) {
            String name = Util.fixEmptyAndTrim(value);
            if (name == null) {
                return FormValidation.error(Messages.MeshCanaryStep_Required());
            }
            return KubernetesName.isSubdomain(name) ? FormValidation.ok()
                    : FormValidation.error(Messages.MeshStepDescriptor_BadName(name));
        }
    }
}
