package io.jenkins.plugins.mesh.plugin.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code meshPlan}: what {@code meshApply} would change, per object and field, as {@code mesh plan} shows it; nothing
 * is written. Prints the plan, shows it on the build page and returns it as a map (the plan JSON's {@code changes}
 * and {@code summary}, plus {@code text}, the printed plan). Validation errors and conflicts fail the step; drift
 * fails it only with {@code failOnDrift}.
 */
public class MeshPlanStep extends ConfigStep {

    private boolean failOnDrift;

    @DataBoundConstructor
    public MeshPlanStep(String files, String cluster) {
        super(files, cluster);
    }

    /** Whether objects changed by hand in the cluster fail the step. */
    public boolean isFailOnDrift() {
        return failOnDrift;
    }

    @DataBoundSetter
    public void setFailOnDrift(boolean failOnDrift) {
        this.failOnDrift = failOnDrift;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new MeshPlanExecution(context, getFiles(), getCluster(), checkedNamespace("meshPlan"), isPrune(),
                failOnDrift);
    }

    @Extension
    @Symbol("meshPlan")
    public static final class DescriptorImpl extends ConfigStepDescriptor {

        @Override
        public String getFunctionName() {
            return "meshPlan";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.MeshPlanStep_DisplayName();
        }
    }
}
