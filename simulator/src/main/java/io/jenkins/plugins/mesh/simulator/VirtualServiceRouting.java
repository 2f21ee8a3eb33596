package io.jenkins.plugins.mesh.simulator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The whole routing of an Istio VirtualService, read from the API server on every call (one GET): its HTTP routes in
 * order with their matches, weights, {@code mirror} / {@code mirrors} (with {@code mirrorPercentage}, 100 when
 * absent) and the {@code Set-Cookie} each destination adds to its answers ({@code headers.response.add}). Keys are
 * destination subsets, or short host names for destinations without a subset.
 */
public final class VirtualServiceRouting implements RouteSource {

    private final KubernetesClient client;
    private final String namespace;
    private final String name;

    public VirtualServiceRouting(KubernetesClient client, String namespace, String name) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public RoutingTable routing() {
        String where = toString();
        GenericKubernetesResource vs = client.genericKubernetesResources(MeshResources.virtualService("v1"))
                .inNamespace(namespace).withName(name).get();
        if (vs == null) {
            throw new IllegalStateException(where + " does not exist; create it or point the simulator elsewhere");
        }
        List<?> http = vs.get("spec", "http");
        List<TableRoute> routes = new ArrayList<>();
        for (int i = 0; http != null && i < http.size(); i++) {
            if (!(http.get(i) instanceof Map<?, ?> route)) {
                continue;
            }
            String routeName = route.get("name") instanceof String n ? n : "#" + i;
            List<Predicate<SimRequest>> matches = new ArrayList<>();
            if (route.get("match") instanceof List<?> blocks) {
                blocks.forEach(b -> matches.add(MatchConditions.istio((Map<?, ?>) b)));
            }
            Map<String, Double> weights = Map.of();
            Map<String, String> cookies = new LinkedHashMap<>();
            if (route.get("route") instanceof List<?> destinations && !destinations.isEmpty()) {
                weights = RouteWeights.of(destinations, d -> key(d.get("destination")), "weight", 0,
                        where + " route " + routeName);
                for (Object entry : destinations) {
                    String cookie = setCookie(((Map<?, ?>) entry).get("headers"));
                    if (cookie != null) {
                        cookies.put(key(((Map<?, ?>) entry).get("destination")), cookie);
                    }
                }
            }
            routes.add(new TableRoute(routeName, matches, weights, mirrors(route), cookies));
        }
        return new RoutingTable(routes);
    }

    private static Map<String, Double> mirrors(Map<?, ?> route) {
        Map<String, Double> mirrors = new LinkedHashMap<>();
        if (route.get("mirror") instanceof Map<?, ?> mirror) {
            mirrors.put(key(mirror), route.get("mirrorPercentage") instanceof Map<?, ?> p
                    ? percent(p.get("value")) : route.get("mirror_percent") instanceof Number n ? n.doubleValue()
                    : 100.0);
        }
        if (route.get("mirrors") instanceof List<?> list) {
            for (Object item : list) {
                Map<?, ?> entry = (Map<?, ?>) item;
                mirrors.put(key(entry.get("destination")), entry.get("percentage") instanceof Map<?, ?> p
                        ? percent(p.get("value")) : 100.0);
            }
        }
        return mirrors;
    }

    private static double percent(Object value) {
        return value instanceof Number n ? n.doubleValue() : 100.0;
    }

    /** The cookie ({@code name=value}) a destination's {@code headers.response.add} sets, or null. */
    private static String setCookie(Object headers) {
        Object response = headers instanceof Map<?, ?> h ? h.get("response") : null;
        Object add = response instanceof Map<?, ?> r ? r.get("add") : null;
        if (add instanceof Map<?, ?> values) {
            for (Map.Entry<?, ?> value : values.entrySet()) {
                if (String.valueOf(value.getKey()).equalsIgnoreCase("set-cookie")) {
                    return String.valueOf(value.getValue()).split(";", 2)[0].strip();
                }
            }
        }
        return null;
    }

    /** The destination's subset, or its short host name. */
    static String key(Object destination) {
        if (!(destination instanceof Map<?, ?> d)) {
            return null;
        }
        return d.get("subset") instanceof String subset ? subset : RouteWeights.shortHost(d.get("host"));
    }

    @Override
    public String toString() {
        return "VirtualService " + namespace + "/" + name;
    }
}
