package io.jenkins.plugins.mesh.cli;

import io.jenkins.plugins.mesh.engine.traffic.RoutePreview;
import io.jenkins.plugins.mesh.engine.traffic.RouteStatus;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.WeightChange;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mesh rollback}: put a route back exactly as its lease's snapshot says, from any machine or build. */
@Command(name = "rollback",
        description = {"Restore a route exactly as it was before the rollout that holds its lease, verify it by "
            + "reading it back, and release the lease.",
            "Works from any machine or build: the snapshot lives in the route's Lease. Without a lease there is "
                + "nothing to restore, and the command succeeds."})
public final class RollbackCommand extends RouteCommand {

    @Option(names = "--dry-run", description = "show the restore as a diff of the route and write nothing")
    private boolean dryRun;

    @Override
    int run(TrafficController traffic, PrintWriter out, PrintWriter err) {
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
