package io.jenkins.plugins.mesh.cli;

import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import io.jenkins.plugins.mesh.engine.traffic.RouteStatus;
import io.jenkins.plugins.mesh.engine.traffic.RouteTarget;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import io.jenkins.plugins.mesh.engine.traffic.WeightedDestination;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The simulator's VirtualService bookinfo/reviews as the canary tests read it, and their common arguments. */
final class Bookinfo {

    private Bookinfo() {
    }

    /** {@code canary -n bookinfo --virtual-service reviews --stable v1 --canary v2}, then {@code more}. */
    static String[] canary(List<String> connection, String... more) {
        List<String> args = new ArrayList<>(List.of("canary", "-n", SimulatedCluster.NAMESPACE, "--virtual-service",
                SimulatedCluster.SERVICE, "--stable", "v1", "--canary", "v2", "--holder", "ci-test"));
        args.addAll(connection);
        args.addAll(Arrays.asList(more));
        return args.toArray(String[]::new);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(SimulatedCluster cluster) {
        return (Map<String, Object>) cluster.reviewsVirtualService().getAdditionalProperties().get("spec");
    }

    static String resourceVersion(SimulatedCluster cluster) {
        return cluster.reviewsVirtualService().getMetadata().getResourceVersion();
    }

    /** The weights of route primary, by subset. */
    static Map<String, Integer> weights(SimulatedCluster cluster) {
        TrafficController traffic = traffic(cluster);
        RouteTarget target = traffic.resolve(RouteKind.VIRTUAL_SERVICE, SimulatedCluster.NAMESPACE,
                SimulatedCluster.SERVICE, SimulatedCluster.PRIMARY_ROUTE, "v1", "v2");
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (WeightedDestination weight : traffic.preview(target, 0).before()) {
            weights.put(weight.destination().subset(), weight.weight());
        }
        return weights;
    }

    /** The Mesh Pipeline leases in the namespace. */
    static List<RouteStatus> leases(SimulatedCluster cluster) {
        return traffic(cluster).status(SimulatedCluster.NAMESPACE);
    }

    private static TrafficController traffic(SimulatedCluster cluster) {
        return new TrafficController(cluster.client(), Clock.systemUTC(), TrafficSettings.defaults());
    }
}
