package io.jenkins.plugins.mesh.cli;

import io.jenkins.plugins.mesh.engine.traffic.RouteStatus;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mesh status}: the routes under Mesh Pipeline's control, their holders, weights and pending restores. */
@Command(name = "status",
        description = "List the routes with a Mesh Pipeline lease: holder, last renewal, current weights and any "
            + "pending restore.")
public final class StatusCommand extends ClusterCommand {

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "only this namespace (default: all)")
    private String namespace;

    @Override
    int run(TrafficController traffic, PrintWriter out, PrintWriter err) {
        List<RouteStatus> routes = traffic.status(namespace);
        if (routes.isEmpty()) {
            out.println("no routes under Mesh Pipeline control" + (namespace != null ? " in " + namespace : ""));
            return TrafficFailures.OK;
        }
        boolean pending = false;
        for (RouteStatus route : routes) {
            out.println(route.target().describe() + ", route " + route.route());
            out.println("  holder:  " + route.holder() + (route.build() != null ? " (" + route.build() + ")" : "")
                    + ", renewed " + route.renewed() + (route.stale() ? " (STALE: the holder stopped renewing; "
                    + "run `mesh rollback` or take over)" : ""));
            out.println("  weights: " + (route.problem() != null ? "unknown: " + route.problem()
                    : TrafficFailures.weights(route.weights())));
            if (route.restorePending() != null) {
                pending = true;
                out.println("  RESTORE PENDING: " + route.restorePending());
            }
            out.println("  lease:   " + route.lease());
        }
        return pending ? TrafficFailures.RESTORE_PENDING : TrafficFailures.OK;
    }
}
