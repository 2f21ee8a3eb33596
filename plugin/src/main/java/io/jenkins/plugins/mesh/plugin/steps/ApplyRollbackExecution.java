package io.jenkins.plugins.mesh.plugin.steps;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mesh.engine.apply.ApplyLease;
import io.jenkins.plugins.mesh.engine.apply.ApplyRollback;
import io.jenkins.plugins.mesh.engine.apply.ConfigApply;
import io.jenkins.plugins.mesh.engine.apply.ItemStatus;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * {@code meshRollback apply: true}: reverts, from the snapshots in their Leases, the objects this build's
 * {@code meshApply} left pending in the namespace (the engine's {@link ApplyRollback}, as {@code mesh rollback --apply}
 * runs it), reading each back. Only this build's Leases: an apply another build is running is never touched.
 */
final class ApplyRollbackExecution extends SynchronousNonBlockingStepExecution<String> {

    private static final long serialVersionUID = 1L;

    private final String cluster;
    private final String namespace;
    private final boolean dryRun;

    ApplyRollbackExecution(StepContext context, String cluster, String namespace, boolean dryRun) {
        super(context);
        this.cluster = cluster;
        this.namespace = namespace;
        this.dryRun = dryRun;
    }

    @Override
    protected String run() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        PrintStream log = getContext().get(TaskListener.class).getLogger();
        String holder = BuildCluster.holder(run).identity();
        try (BuildCluster connection = BuildCluster.open(cluster, run)) {
            ApplyRollback rollback = new ConfigApply(connection.client(), Clock.systemUTC(),
                    TrafficSettings.defaults()).rollback();
            if (dryRun) {
                List<ApplyLease> pending = rollback.pending(namespace, holder);
                for (ApplyLease lease : pending) {
                    log.println(Messages.ApplyRollbackExecution_WouldRevert(lease.objectDisplayName(),
                            lease.action().label()));
                }
                return pending.isEmpty() ? nothing(log) : Messages.RouteChanges_DryRun();
            }
            List<ApplyRollback.Result> results = rollback.revertAll(namespace, holder);
            if (results.isEmpty()) {
                return nothing(log);
            }
            int pending = 0;
            for (ApplyRollback.Result result : results) {
                log.println(Messages.ApplyRollbackExecution_Result(result.result().name().toLowerCase(
                        java.util.Locale.ROOT), result.object(), result.message() == null ? "" : result.message()));
                if (result.result() == ItemStatus.REVERT_PENDING) {
                    pending++;
                }
            }
            if (pending > 0) {
                throw new AbortException(Messages.ApplyRollbackExecution_StillPending(pending, namespace));
            }
            String summary = Messages.ApplyRollbackExecution_Done(results.size(), namespace);
            log.println(summary);
            return summary;
        }
    }

    private String nothing(PrintStream log) {
        String summary = Messages.ApplyRollbackExecution_Nothing(namespace);
        log.println(summary);
        return summary;
    }
}
