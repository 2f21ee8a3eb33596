package io.jenkins.plugins.mesh.simulator.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.mesh.engine.analysis.HealthAnalysis;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRequest;
import io.jenkins.plugins.mesh.engine.rollout.EndAction;
import io.jenkins.plugins.mesh.engine.rollout.PhaseOptions;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import io.jenkins.plugins.mesh.simulator.HttpRouteRouting;
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
 * Canaries with phases on a generated VirtualService or a copy of the seeded HTTPRoute, for the resilience suites:
 * the phase variants, the request they make, the traffic that follows the whole routing (A/B matches, mirrors, sticky
 * cookies) and the route object's spec, whole, to compare with what it was before the rollout.
 */
final class PhasedCanary {

    static final String ROUTE = "primary";
    static final Duration INTERVAL = Duration.ofSeconds(30);
    static final LatencyDistribution LATENCY = LatencyDistribution.of(20, 120);
    static final VersionBehaviour HEALTHY = VersionBehaviour.of(0.001, LATENCY);
    static final VersionBehaviour FAILING = VersionBehaviour.of(0.2, LATENCY);
    /** The header the A/B phase matches, carried by 30% of the requests. */
    static final String AB_MATCH = "header:x-canary=true";

    static final String STABLE_SERVICE = "reviews-stable";
    static final String CANARY_SERVICE = "reviews-canary";

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
        return request(variant, RouteKind.VIRTUAL_SERVICE, namespace, name);
    }

    /**
     * The canary request of {@code variant} on the route object {@code namespace/name}: subsets v1 and v2 of route
     * {@value #ROUTE} of a VirtualService, or Services reviews-stable and reviews-canary of an HTTPRoute.
     */
    static CanaryRequest request(Variant variant, RouteKind kind, String namespace, String name) {
        boolean vs = kind == RouteKind.VIRTUAL_SERVICE;
        // The whole constructor: a request without steps is valid only together with its phases.
        return new CanaryRequest(kind, namespace, name, vs ? ROUTE : null, vs ? "v1" : STABLE_SERVICE,
                vs ? "v2" : CANARY_SERVICE, variant.steps(), INTERVAL, null, HealthAnalysis.DEFAULT_MIN_REQUESTS, null,
                null, EndAction.PROMOTE, 0, 0, null, false, null, null, null,
                variant.options().phases(INTERVAL, variant.steps()));
    }

    /** Traffic to VirtualService {@code name} that follows its whole routing, with users that keep cookies. */
    static TrafficModel model(SimulatedCluster cluster, String namespace, String name, VersionBehaviour canary,
            SimulationClock clock, long seed) {
        return model(cluster, RouteKind.VIRTUAL_SERVICE, namespace, name, canary, clock, seed);
    }

    /** Traffic to the route object {@code name} that follows its whole routing, with users that keep cookies. */
    static TrafficModel model(SimulatedCluster cluster, RouteKind kind, String namespace, String name,
            VersionBehaviour canary, SimulationClock clock, long seed) {
        TrafficModel.Builder builder = TrafficModel.builder(namespace, name);
        if (kind == RouteKind.VIRTUAL_SERVICE) {
            builder.version(MeshVersion.subset(name, "v1"), HEALTHY).version(MeshVersion.subset(name, "v2"), canary)
                    .routing(new VirtualServiceRouting(cluster.client(), namespace, name));
        } else {
            builder.version(SimulatedCluster.STABLE_HOST, HEALTHY).version(SimulatedCluster.CANARY_HOST, canary)
                    .routing(new HttpRouteRouting(cluster.client(), namespace, name));
        }
        return builder.requestMix(RequestMix.plain().withHeader("x-canary", "true", 0.3))
                .users(300)
                .requestRate(20).clock(clock).seed(seed).build();
    }

    /**
     * Creates a route object of {@code kind} for one run: a VirtualService {@code <prefix>-0} with its DestinationRule,
     * or a copy of the seeded HTTPRoute bookinfo/reviews named {@code <prefix>-0}.
     *
     * @return its name
     */
    static String createRoute(SimulatedCluster cluster, RouteKind kind, String namespace, String prefix) {
        if (kind == RouteKind.VIRTUAL_SERVICE) {
            return cluster.createVirtualServices(namespace, prefix, 1).get(0);
        }
        GenericKubernetesResource seeded = cluster.get(MeshResources.httpRoute("v1"), SimulatedCluster.NAMESPACE,
                SimulatedCluster.SERVICE);
        GenericKubernetesResource copy = new GenericKubernetesResource();
        copy.setApiVersion(seeded.getApiVersion());
        copy.setKind(seeded.getKind());
        copy.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(prefix + "-0").build());
        copy.setAdditionalProperty("spec", seeded.getAdditionalProperties().get("spec"));
        cluster.client().genericKubernetesResources(MeshResources.httpRoute("v1")).inNamespace(namespace)
                .resource(copy).create();
        return prefix + "-0";
    }

    /** The VirtualService's spec as stored now, as a JSON tree. */
    static JsonNode spec(SimulatedCluster cluster, String namespace, String name) {
        return spec(cluster, RouteKind.VIRTUAL_SERVICE, namespace, name);
    }

    /** The route object's spec as stored now, as a JSON tree. */
    static JsonNode spec(SimulatedCluster cluster, RouteKind kind, String namespace, String name) {
        GenericKubernetesResource object = cluster.get(resource(kind), namespace, name);
        return JSON.valueToTree(object.getAdditionalProperties().get("spec"));
    }

    private static ResourceDefinitionContext resource(RouteKind kind) {
        return kind == RouteKind.VIRTUAL_SERVICE ? MeshResources.virtualService("v1") : MeshResources.httpRoute("v1");
    }

    /**
     * Deletes VirtualService {@code name} and its DestinationRule: the mock API server scans every object on each
     * request, so a suite keeps only the objects of the run at hand.
     */
    static void removeRoute(SimulatedCluster cluster, String namespace, String name) {
        removeRoute(cluster, RouteKind.VIRTUAL_SERVICE, namespace, name);
    }

    /** Deletes the route object {@code name} of {@code kind} (and a VirtualService's DestinationRule). */
    static void removeRoute(SimulatedCluster cluster, RouteKind kind, String namespace, String name) {
        cluster.client().genericKubernetesResources(resource(kind)).inNamespace(namespace).withName(name).delete();
        if (kind == RouteKind.VIRTUAL_SERVICE) {
            cluster.client().genericKubernetesResources(MeshResources.destinationRule("v1")).inNamespace(namespace)
                    .withName(name).delete();
        }
    }

    /** {@code original} with the managed route's stable (first destination) at 0 and the canary at 100. */
    static JsonNode promoted(JsonNode original) {
        return promoted(RouteKind.VIRTUAL_SERVICE, original);
    }

    /**
     * {@code original} promoted: the stable at 0 and the canary at 100 in the managed VirtualService route, or in the
     * HTTPRoute rule whose backendRefs are the two Services.
     */
    static JsonNode promoted(RouteKind kind, JsonNode original) {
        JsonNode copy = original.deepCopy();
        if (kind == RouteKind.HTTP_ROUTE) {
            for (JsonNode rule : copy.get("rules")) {
                for (JsonNode ref : rule.path("backendRefs")) {
                    String service = ref.path("name").asText();
                    if (service.equals(STABLE_SERVICE) || service.equals(CANARY_SERVICE)) {
                        ((ObjectNode) ref).put("weight", service.equals(CANARY_SERVICE) ? 100 : 0);
                    }
                }
            }
            return copy;
        }
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
