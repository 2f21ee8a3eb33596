package io.jenkins.plugins.mesh.plugin.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.util.FormValidation;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code meshTraffic}: sends {@code weight} percent of the route's traffic to the canary and the rest to the stable
 * version (blue/green switch, manual promotion), with the same lock, snapshot and conflict checks as a canary. Weight
 * 100 promotes the canary and releases the route's lock. Returns a one-line summary of the change.
 */
public class MeshTrafficStep extends MeshRouteStep {

    private final int weight;
    private String stable;
    private String canary;

    @DataBoundConstructor
    public MeshTrafficStep(String cluster, int weight) {
        super(cluster);
        this.weight = weight;
    }

    public int getWeight() {
        return weight;
    }

    public @CheckForNull String getStable() {
        return stable;
    }

    @DataBoundSetter
    public void setStable(String stable) {
        this.stable = Util.fixEmptyAndTrim(stable);
    }

    public @CheckForNull String getCanary() {
        return canary;
    }

    @DataBoundSetter
    public void setCanary(String canary) {
        this.canary = Util.fixEmptyAndTrim(canary);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new RouteChangeExecution(context, RouteChangeExecution.Kind.TRAFFIC, planJson());
    }

    String planJson() throws AbortException {
        checkTarget("meshTraffic");
        if (weight < 0 || weight > 100) {
            throw new AbortException(Messages.MeshCanaryStep_BadWeight(weight));
        }
        if (stable == null || canary == null || stable.equals(canary)) {
            throw new AbortException(Messages.MeshTrafficStep_StableCanary());
        }
        Map<String, Object> plan = targetPlan("meshTraffic");
        plan.put("stable", stable);
        plan.put("canary", canary);
        plan.put("weight", weight);
        return PlanJson.write(plan);
    }

    @Extension
    @Symbol("meshTraffic")
    public static final class DescriptorImpl extends MeshStepDescriptor {

        @Override
        public String getFunctionName() {
            return "meshTraffic";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.MeshTrafficStep_DisplayName();
        }

        public FormValidation doCheckWeight(@QueryParameter String value) {
            return FormValidation.validateIntegerInRange(value, 0, 100);
        }
    }
}
