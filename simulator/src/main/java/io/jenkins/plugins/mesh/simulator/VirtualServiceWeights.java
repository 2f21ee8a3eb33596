package io.jenkins.plugins.mesh.simulator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The live weights of one HTTP route of an Istio VirtualService, read from the API server on every call (one GET).
 * Keys are destination subsets, or short host names for destinations without a subset.
 */
public final class VirtualServiceWeights implements WeightSource {

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final String routeName;

    /**
     * @param routeName the {@code name} of the HTTP route whose destinations split traffic; null means the last
     *     route without a {@code match} (the default route)
     */
    public VirtualServiceWeights(KubernetesClient client, String namespace, String name, String routeName) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.name = Objects.requireNonNull(name, "name");
        this.routeName = routeName;
    }

    @Override
    public Map<String, Double> weights() {
        String where = "VirtualService " + namespace + "/" + name;
        GenericKubernetesResource vs = client.genericKubernetesResources(MeshResources.virtualService("v1"))
                .inNamespace(namespace).withName(name).get();
        if (vs == null) {
            throw new IllegalStateException(where + " does not exist; create it or point the simulator elsewhere");
        }
        List<?> routes = vs.get("spec", "http");
        Map<?, ?> route = select(routes == null ? List.of() : routes, where);
        String routeWhere = where + " route " + (routeName == null ? "(default)" : "'" + routeName + "'");
        Object destinations = route.get("route");
        if (!(destinations instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalStateException(routeWhere + " has no destinations");
        }
        return RouteWeights.of(list, destination -> {
            Object target = destination.get("destination");
            if (!(target instanceof Map<?, ?> d)) {
                return null;
            }
            return d.get("subset") instanceof String subset ? subset : RouteWeights.shortHost(d.get("host"));
        }, "weight", 0, routeWhere);
    }

    private Map<?, ?> select(List<?> routes, String where) {
        Map<?, ?> found = null;
        List<String> names = new ArrayList<>();
        for (Object item : routes) {
            if (!(item instanceof Map<?, ?> route)) {
                continue;
            }
            names.add(String.valueOf(route.get("name")));
            if (routeName == null ? route.get("match") == null : routeName.equals(route.get("name"))) {
                found = route;
                if (routeName != null) {
                    break;
                }
            }
        }
        if (found == null) {
            throw new IllegalStateException(where + (routeName == null
                    ? " has no HTTP route without a match; name the route to follow"
                    : " has no HTTP route named '" + routeName + "' (routes: " + names + ")"));
        }
        return found;
    }

    @Override
    public String toString() {
        return "VirtualService " + namespace + "/" + name + (routeName == null ? "" : " route " + routeName);
    }
}
