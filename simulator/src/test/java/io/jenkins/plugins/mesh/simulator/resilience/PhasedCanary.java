package io.jenkins.plugins.mesh.simulator.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.mesh.engine.analysis.HealthAnalysis;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRequest;
import io.jenkins.plugins.mesh.engine.rollout.EndAction;
import io.jenkins.plugins.mesh.engine.rollout.PhaseOptions;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import io.jenkins.plugins.mesh.simulator.LatencyDistribution;
import io.jenkins.plugins.mesh.simulator.MeshResources;
import io.jenkins.plugins.mesh.simulator.MeshVersion;
import io.jenkins.plugins.mesh.simulator.RequestMix;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import io.jenkins.plugins.mesh.simulator.SimulationClock;
import io.jenkins.plugins.mesh.simulator.TrafficModel;
import io.jenkins.plugins.mesh.simulator.VersionBehaviour;
import io.jenkins.plugins.mesh.simulator.VirtualServiceRouting;
import java.time.Duration;
import java.util.List;

/**
 * Canaries with phases on a generated VirtualService, for the resilience suites: the phase variants, the request
 * they make, the traffic that follows the whole routing (A/B matches, mirrors, sticky cookies) and the route object's
 * spec, whole, to compare with what it was before the rollout.
 */
final class PhasedCanary {

    static final String ROUTE = "primary";
    static final Duration INTERVAL = Duration.ofSeconds(30);
    static final LatencyDistribution LATENCY = LatencyDistribution.of(20, 120);
    static final VersionBehaviour HEALTHY = VersionBehaviour.of(0.001, LATENCY);
    static final VersionBehaviour FAILING = VersionBehaviour.of(0.2, LATENCY);
    /** The header the A/B phase matches, carried by 30% of the requests. */
    static final String AB_MATCH = "header:x-canary=true";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One way of running the phases.
     *
     * @param name for messages
     * @param options the phase options as a user gives them
     * @param steps the weighted steps (empty: the rollout ends after its A/B phase)
     */
    record Variant(String name, PhaseOptions options, List<Integer> steps) {
    }

    static final Variant MIRROR = new Variant("mirror 20%, steps",
            new PhaseOptions(20.0, null, List.of(), null, null, null), List.of(25, 50));
    static final Variant AB_KEEP_STICKY = new Variant("A/B kept, sticky steps",
            new PhaseOptions(null, null, List.of(AB_MATCH), null, "keep", "mesh-canary"), List.of(25, 50));
    static final Variant AB_REMOVE = new Variant("A/B removed, steps",
            new PhaseOptions(null, null, List.of(AB_MATCH), null, "remove", null), List.of(25, 50));
    static final Variant AB_ONLY = new Variant("A/B only",
            new PhaseOptions(null, null, List.of(AB_MATCH), null, null, null), List.of());
    static final Variant ALL = new Variant("mirror, A/B kept, sticky steps",
            new PhaseOptions(20.0, null, List.of(AB_MATCH), null, "keep", "mesh-canary"), List.of(25, 50));

    static final List<Variant> VARIANTS = List.of(MIRROR, AB_KEEP_STICKY, AB_REMOVE, AB_ONLY, ALL);

    private PhasedCanary() {
    }

    /** The canary request of {@code variant} on VirtualService {@code namespace/name}, promoting at the end. */
    static CanaryRequest request(Variant variant, String namespace, String name) {
        // The whole constructor: a request without steps is valid only together with its phases.
        return new CanaryRequest(RouteKind.VIRTUAL_SERVICE, namespace, name, ROUTE, "v1", "v2", variant.steps(),
                INTERVAL, null, HealthAnalysis.DEFAULT_MIN_REQUESTS, null, null, EndAction.PROMOTE, 0, 0, null, false,
                null, null, null, variant.options().phases(INTERVAL, variant.steps()));
    }

    /** Traffic to VirtualService {@code name} that follows its whole routing, with users that keep cookies. */
    static TrafficModel model(SimulatedCluster cluster, String namespace, String name, VersionBehaviour canary,
            SimulationClock clock, long seed) {
        return TrafficModel.builder(namespace, name)
                .version(MeshVersion.subset(name, "v1"), HEALTHY)
                .version(MeshVersion.subset(name, "v2"), canary)
                .routing(new VirtualServiceRouting(cluster.client(), namespace, name))
                .requestMix(RequestMix.plain().withHeader("x-canary", "true", 0.3))
                .users(300)
                .requestRate(20).clock(clock).seed(seed).build();
    }

    /** The VirtualService's spec as stored now, as a JSON tree. */
    static JsonNode spec(SimulatedCluster cluster, String namespace, String name) {
        GenericKubernetesResource vs = cluster.get(MeshResources.virtualService("v1"), namespace, name);
        return JSON.valueToTree(vs.getAdditionalProperties().get("spec"));
    }

    /**
     * Deletes VirtualService {@code name} and its DestinationRule: the mock API server scans every object on each
     * request, so a suite keeps only the objects of the run at hand.
     */
    static void removeRoute(SimulatedCluster cluster, String namespace, String name) {
        cluster.client().genericKubernetesResources(MeshResources.virtualService("v1")).inNamespace(namespace)
                .withName(name).delete();
        cluster.client().genericKubernetesResources(MeshResources.destinationRule("v1")).inNamespace(namespace)
                .withName(name).delete();
    }

    /** {@code original} with the managed route's stable (first destination) at 0 and the canary at 100. */
    static JsonNode promoted(JsonNode original) {
        JsonNode copy = original.deepCopy();
        for (JsonNode route : copy.get("http")) {
            if (ROUTE.equals(route.path("name").asText())) {
                ArrayNode destinations = (ArrayNode) route.get("route");
                for (int i = 0; i < destinations.size(); i++) {
                    ((ObjectNode) destinations.get(i)).put("weight", i == 0 ? 0 : 100);
                }
            }
        }
        return copy;
    }
}
