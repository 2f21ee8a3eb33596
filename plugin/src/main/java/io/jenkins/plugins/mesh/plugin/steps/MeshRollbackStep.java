package io.jenkins.plugins.mesh.plugin.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code meshRollback}: restores the routes of the target to the snapshot the last canary or traffic change stored,
 * e.g. from {@code post { failure { } }}. Does nothing, and says so, when no snapshot is pending. With
 * {@code apply: true} it reverts instead what this build's {@code meshApply} left pending in the namespace.
 */
public class MeshRollbackStep extends MeshRouteStep {

    private boolean apply;

    @DataBoundConstructor
    public MeshRollbackStep(String cluster) {
        super(cluster);
    }

    /** Revert the objects this build's meshApply left pending (from their Leases) instead of a route. */
    public boolean isApply() {
        return apply;
    }

    @DataBoundSetter
    public void setApply(boolean apply) {
        this.apply = apply;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        if (apply) {
            if (getVirtualService() != null || getHttpRoute() != null || getRoute() != null) {
                throw new AbortException(Messages.MeshRollbackStep_ApplyNoRoute());
            }
            if (getCluster() == null) {
                throw new AbortException(Messages.MeshRouteStep_NoCluster("meshRollback"));
            }
            return new ApplyRollbackExecution(context, getCluster(), resolvedNamespace("meshRollback"), isDryRun());
        }
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
