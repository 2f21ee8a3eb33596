package io.jenkins.plugins.mesh.cli;

import io.jenkins.plugins.mesh.engine.traffic.Holder;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import io.jenkins.plugins.mesh.engine.traffic.RouteLease;
import io.jenkins.plugins.mesh.engine.traffic.RoutePreview;
import io.jenkins.plugins.mesh.engine.traffic.RouteTarget;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.WeightChange;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mesh traffic}: set the canary's share of one route, under its lease, with a snapshot to roll back to. */
@Command(name = "traffic",
        description = {"Set the canary's share of traffic on one route; the stable gets the rest.",
            "The first write takes the route's lease and stores a snapshot in it; `mesh rollback` puts the route "
                + "back exactly. --weight 100 promotes the canary and releases the lease."})
public final class TrafficCommand extends RouteCommand {

    @Option(names = "--stable", required = true, paramLabel = "DEST",
            description = "stable destination: a subset (v1), a host (reviews-stable) or host:subset")
    private String stable;

    @Option(names = "--canary", required = true, paramLabel = "DEST", description = "canary destination, as --stable")
    private String canary;

    @Option(names = "--weight", required = true, paramLabel = "0..100", description = "the canary's share in percent")
    private int weight;

    @Option(names = "--dry-run", description = "show the change as a diff of the route and write nothing")
    private boolean dryRun;

    @Option(names = "--take-over", description = "take the route's lease from a holder that stopped renewing it "
            + "(its snapshot is kept)")
    private boolean takeOver;

    @Override
    int run(TrafficController traffic, PrintWriter out, PrintWriter err) {
        if (weight < 0 || weight > 100) {
            err.println("error: --weight must be within 0..100, was " + weight);
            return TrafficFailures.NOTHING_WRITTEN;
        }
        RouteTarget target = traffic.resolve(route.kind(), route.namespace, route.name(), route.route, stable,
                canary);
        if (dryRun) {
            RoutePreview preview = traffic.preview(target, weight);
            out.print(preview.diff());
            out.println(preview.changes() ? "dry run: nothing written" : "no change: the route already has "
                    + "these weights");
            return TrafficFailures.OK;
        }
        Holder holder = holderOption.holder();
        RouteLease lease = traffic.begin(target, holder, takeOver);
        WeightChange change = weight == 100 ? traffic.promote(target, holder)
                : traffic.setWeight(target, holder, weight);
        out.println(target.describe() + ", route " + change.route() + ": "
                + TrafficFailures.weights(change.before()) + " -> " + TrafficFailures.weights(change.after())
                + (change.written() ? "" : " (unchanged)"));
        if (weight == 100) {
            out.println("promoted: " + lease.ref() + " released; the canary is the new stable");
        } else {
            RouteTarget held = lease.snapshot().target();
            out.println(lease.ref() + " keeps the snapshot; to put the route back run: mesh rollback --namespace "
                    + held.namespace() + " " + flag(held) + " " + held.name()
                    + (held.route() != null ? " --route " + held.route() : ""));
        }
        change.warnings().forEach(w -> err.println("warning: " + w));
        return TrafficFailures.OK;
    }

    static String flag(RouteTarget target) {
        return target.kind() == RouteKind.VIRTUAL_SERVICE
                ? "--virtual-service" : "--http-route";
    }
}
