package io.jenkins.plugins.mesh.plugin.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code meshRollback}: restores the routes of the target to the snapshot the last canary or traffic change stored,
 * e.g. from {@code post { failure { } }}. Does nothing, and says so, when no snapshot is pending.
 */
public class MeshRollbackStep extends MeshRouteStep {

    @DataBoundConstructor
    public MeshRollbackStep(String cluster) {
        super(cluster);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new RouteChangeExecution(context, RouteChangeExecution.Kind.ROLLBACK, planJson());
    }

    String planJson() throws AbortException {
        checkTarget("meshRollback");
        return PlanJson.write(targetPlan("meshRollback"));
    }

    @Extension
    @Symbol("meshRollback")
    public static final class DescriptorImpl extends MeshStepDescriptor {

        @Override
        public String getFunctionName() {
            return "meshRollback";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.MeshRollbackStep_DisplayName();
        }
    }
}
