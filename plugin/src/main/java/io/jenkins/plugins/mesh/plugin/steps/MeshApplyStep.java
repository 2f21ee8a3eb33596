package io.jenkins.plugins.mesh.plugin.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.mesh.engine.DurationText;
import io.jenkins.plugins.mesh.engine.apply.ApplyOptions;
import java.util.List;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code meshApply}: plans the workspace files as {@code meshPlan} does, refuses conflicts, then lets the engine lock,
 * write, verify and, with checks, watch the services the changed objects route to; a failed check, an error, an abort
 * or the deadline reverts every object exactly. Returns {@code APPLIED}; any other outcome fails the step with the
 * engine's reason.
 */
public class MeshApplyStep extends ConfigStep {

    static final String DEFAULT_WATCH = "5m";
    static final String DEFAULT_INTERVAL = "1m";
    static final String DEFAULT_TIMEOUT = "10m";

    private String metrics;
    private List<MeshCheck> checks = List.of();
    private String watch = DEFAULT_WATCH;
    private String interval = DEFAULT_INTERVAL;
    private String timeout = DEFAULT_TIMEOUT;

    @DataBoundConstructor
    public MeshApplyStep(String files, String cluster) {
        super(files, cluster);
    }

    /** The name of the configured metric server the checks query; needed with checks. */
    public @CheckForNull String getMetrics() {
        return metrics;
    }

    @DataBoundSetter
    public void setMetrics(String metrics) {
        this.metrics = Util.fixEmptyAndTrim(metrics);
    }

    /** The health checks of the watch; none: the apply is done once written and verified. */
    public List<MeshCheck> getChecks() {
        return checks;
    }

    @DataBoundSetter
    public void setChecks(List<MeshCheck> checks) {
        this.checks = checks == null ? List.of() : List.copyOf(checks);
    }

    /** How long the routed services are watched after the change, with checks: {@code 5m}. */
    public String getWatch() {
        return watch;
    }

    @DataBoundSetter
    public void setWatch(String watch) {
        String value = Util.fixEmptyAndTrim(watch);
        this.watch = value == null ? DEFAULT_WATCH : value;
    }

    /** How often the watch analyses, and the analysis window: {@code 1m}. */
    public String getInterval() {
        return interval;
    }

    @DataBoundSetter
    public void setInterval(String interval) {
        String value = Util.fixEmptyAndTrim(interval);
        this.interval = value == null ? DEFAULT_INTERVAL : value;
    }

    /** How long locking, writing and verifying may take before the apply reverts: {@code 10m}. */
    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        String value = Util.fixEmptyAndTrim(timeout);
        this.timeout = value == null ? DEFAULT_TIMEOUT : value;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        String namespace = checkedNamespace("meshApply");
        ApplyOptions options = options();
        return new MeshApplyExecution(context, getFiles(), getCluster(), namespace, isPrune(), metrics, options);
    }

    /** The engine's options, checked by the engine, so a bad parameter fails before anything is read or written. */
    ApplyOptions options() throws AbortException {
        List<String> specs = MeshCheck.specs("meshApply", checks);
        if (!specs.isEmpty() && metrics == null) {
            throw new AbortException(Messages.MeshApplyStep_NeedsMetrics());
        }
        try {
            return new ApplyOptions(specs, DurationText.parse(watch), DurationText.parse(interval),
                    DurationText.parse(timeout));
        } catch (IllegalArgumentException e) {
            throw new AbortException("meshApply: " + e.getMessage());
        }
    }

    @Extension
    @Symbol("meshApply")
    public static final class DescriptorImpl extends ConfigStepDescriptor {

        @Override
        public String getFunctionName() {
            return "meshApply";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.MeshApplyStep_DisplayName();
        }

        public FormValidation doCheckWatch(@QueryParameter String value) {
            return MeshCanaryStep.DescriptorImpl.checkDuration(value);
        }

        public FormValidation doCheckInterval(@QueryParameter String value) {
            return MeshCanaryStep.DescriptorImpl.checkDuration(value);
        }

        public FormValidation doCheckTimeout(@QueryParameter String value) {
            return MeshCanaryStep.DescriptorImpl.checkDuration(value);
        }
    }
}
