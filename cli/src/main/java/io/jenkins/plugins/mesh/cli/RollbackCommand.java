package io.jenkins.plugins.mesh.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.mesh.engine.apply.ApplyRollback;
import io.jenkins.plugins.mesh.engine.apply.ConfigApply;
import io.jenkins.plugins.mesh.engine.apply.ItemStatus;
import io.jenkins.plugins.mesh.engine.traffic.RoutePreview;
import io.jenkins.plugins.mesh.engine.traffic.RouteStatus;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import io.jenkins.plugins.mesh.engine.traffic.WeightChange;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mesh rollback}: put a route back exactly as its lease's snapshot says, from any machine or build. */
@Command(name = "rollback",
        description = {"Restore a route exactly as it was before the rollout that holds its lease, verify it by "
            + "reading it back, and release the lease.",
            "Works from any machine or build: the snapshot lives in the route's Lease. Without a lease there is "
                + "nothing to restore, and the command succeeds.",
            "With --apply [NS]: complete the reverts a mesh apply left pending, or revert an apply that was killed, "
                + "from the snapshots in its Leases (in NS, or all namespaces): each object put back exactly and "
                + "read back; one someone edited since keeps their edit. Run it when no apply is running there."})
public final class RollbackCommand extends ClusterCommand {

    /** A route, or the applies of a namespace. */
    static final class Target {
        @ArgGroup(exclusive = false, multiplicity = "1")
        RouteOptions route;

        @Option(names = "--apply", arity = "0..1", paramLabel = "NS", fallbackValue = "", required = true,
                description = "revert what a mesh apply left pending in namespace NS (all namespaces without NS)")
        String apply;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Mixin
    HolderOption holderOption;

    @Option(names = "--dry-run", description = "show the restore as a diff of the route (with --apply: the objects) "
            + "and write nothing")
    private boolean dryRun;

    @Override
    int run(KubernetesClient client, TrafficController traffic, PrintWriter out, PrintWriter err) {
        if (target.apply == null) {
            return run(traffic, out, err);
        }
        ApplyRollback rollback = new ConfigApply(client, Clock.systemUTC(), TrafficSettings.defaults()).rollback();
        String namespace = target.apply.isBlank() ? null : target.apply;
        String where = namespace == null ? "any namespace" : "namespace " + namespace;
        if (dryRun) {
            var pending = rollback.pending(namespace, null);
            pending.forEach(l -> out.println("would revert " + l.objectDisplayName() + " (" + l.action().label()
                    + " by " + l.holder() + ", Lease " + l.namespace() + "/" + l.name() + ")"));
            out.println(pending.isEmpty() ? "no mesh apply Lease in " + where + ": nothing to revert"
                    : "dry run: nothing written");
            return TrafficFailures.OK;
        }
        List<ApplyRollback.Result> results = rollback.revertAll(namespace, null);
        if (results.isEmpty()) {
            out.println("no mesh apply Lease in " + where + ": nothing to revert");
            return TrafficFailures.OK;
        }
        boolean pending = false;
        for (ApplyRollback.Result result : results) {
            pending |= result.result() == ItemStatus.REVERT_PENDING;
            out.println(switch (result.result()) {
                case REVERTED -> "reverted " + result.object() + "; verified and Lease " + result.lease()
                        + " released";
                case UNTOUCHED -> result.object() + " was never written; Lease " + result.lease() + " released";
                case KEPT -> "kept " + result.object() + ": " + result.message() + "; Lease " + result.lease()
                        + " released";
                default -> "revert still pending for " + result.object() + ": " + result.message();
            });
        }
        return pending ? TrafficFailures.RESTORE_PENDING : TrafficFailures.OK;
    }

    @Override
    int run(TrafficController traffic, PrintWriter out, PrintWriter err) {
        RouteOptions route = target.route;
        route.requireValidNames();
        String object = route.kind().kind() + " " + route.namespace + "/" + route.name();
        Optional<RouteStatus> found = traffic.leaseOn(route.kind(), route.namespace, route.name(), route.route);
        if (found.isEmpty()) {
            out.println("no Mesh Pipeline lease on " + object + (route.route != null ? " route " + route.route : "")
                    + ": nothing to restore");
            return TrafficFailures.OK;
        }
        RouteStatus lease = found.get();
        if (dryRun) {
            RoutePreview preview = traffic.previewRestore(lease.lease());
            out.print(preview.diff());
            out.println("dry run: nothing written");
            return TrafficFailures.OK;
        }
        WeightChange change = traffic.restore(lease.lease(), holderOption.holder());
        out.println("restored " + object + ", route " + change.route() + ": "
                + TrafficFailures.weights(change.before()) + " -> " + TrafficFailures.weights(change.after())
                + "; verified and " + lease.lease() + " released");
        change.warnings().forEach(w -> err.println("warning: " + w));
        return TrafficFailures.OK;
    }
}
