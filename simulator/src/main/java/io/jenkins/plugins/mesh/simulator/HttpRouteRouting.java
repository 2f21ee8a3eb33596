package io.jenkins.plugins.mesh.simulator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole routing of a Gateway API HTTPRoute, read from the API server on every call (one GET). Each match of each
 * rule is one route of the table, sorted by the Gateway API's precedence (an Exact path, then the longest prefix,
 * then a method, then the most header matches, then the most query matches, then the rule's place), so a rule with one
 * more header wins over the same path without it wherever it is listed. Weights default to 1; {@code RequestMirror}
 * filters copy {@code percent} (or {@code fraction}, else all) of the rule's requests; a backendRef's
 * {@code ResponseHeaderModifier} adding {@code Set-Cookie} sets that cookie. Keys are backend names.
 */
public final class HttpRouteRouting implements RouteSource {

    private final KubernetesClient client;
    private final String namespace;
    private final String name;

    public HttpRouteRouting(KubernetesClient client, String namespace, String name) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.name = Objects.requireNonNull(name, "name");
    }

    private record Candidate(int rule, Map<?, ?> match, TableRoute route) {
    }

    @Override
    public RoutingTable routing() {
        GenericKubernetesResource object = client.genericKubernetesResources(MeshResources.httpRoute("v1"))
                .inNamespace(namespace).withName(name).get();
        if (object == null) {
            throw new IllegalStateException(this + " does not exist; create it or point the simulator elsewhere");
        }
        List<?> rules = object.get("spec", "rules");
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; rules != null && i < rules.size(); i++) {
            Map<?, ?> rule = (Map<?, ?>) rules.get(i);
            String ruleName = rule.get("name") instanceof String n ? n : "#" + i;
            Map<String, Double> weights = Map.of();
            Map<String, String> cookies = new LinkedHashMap<>();
            if (rule.get("backendRefs") instanceof List<?> backends && !backends.isEmpty()) {
                weights = RouteWeights.of(backends, b -> b.get("name") instanceof String n ? n : null, "weight", 1,
                        this + " rule " + ruleName);
                for (Object backend : backends) {
                    String cookie = setCookie(((Map<?, ?>) backend).get("filters"));
                    if (cookie != null) {
                        cookies.put(String.valueOf(((Map<?, ?>) backend).get("name")), cookie);
                    }
                }
            }
            Map<String, Double> mirrors = mirrors(rule.get("filters"));
            List<?> matches = rule.get("matches") instanceof List<?> m && !m.isEmpty() ? m : List.of(Map.of());
            for (Object match : matches) {
                Map<?, ?> m = (Map<?, ?>) match;
                candidates.add(new Candidate(i, m, new TableRoute(ruleName, List.of(MatchConditions.gateway(m)),
                        weights, mirrors, cookies)));
            }
        }
        candidates.sort(Comparator.comparingInt((Candidate c) -> exactPath(c.match()) ? 0 : 1)
                .thenComparing(c -> -pathLength(c.match()))
                .thenComparing(c -> c.match().containsKey("method") ? 0 : 1)
                .thenComparing(c -> -count(c.match().get("headers")))
                .thenComparing(c -> -count(c.match().get("queryParams")))
                .thenComparingInt(Candidate::rule));
        return new RoutingTable(candidates.stream().map(Candidate::route).toList());
    }

    private static boolean exactPath(Map<?, ?> match) {
        return match.get("path") instanceof Map<?, ?> path && "Exact".equals(path.get("type"));
    }

    private static int pathLength(Map<?, ?> match) {
        return match.get("path") instanceof Map<?, ?> path && path.get("value") instanceof String value
                ? value.length() : 1;
    }

    private static int count(Object list) {
        return list instanceof List<?> l ? l.size() : 0;
    }

    private static Map<String, Double> mirrors(Object filters) {
        Map<String, Double> mirrors = new LinkedHashMap<>();
        for (Object item : filters instanceof List<?> list ? list : List.of()) {
            Map<?, ?> filter = (Map<?, ?>) item;
            if ("RequestMirror".equals(filter.get("type")) && filter.get("requestMirror") instanceof Map<?, ?> mirror
                    && mirror.get("backendRef") instanceof Map<?, ?> ref) {
                double percent = mirror.get("percent") instanceof Number p ? p.doubleValue()
                        : mirror.get("fraction") instanceof Map<?, ?> f ? fraction(f) : 100.0;
                mirrors.put(String.valueOf(ref.get("name")), percent);
            }
        }
        return mirrors;
    }

    private static double fraction(Map<?, ?> fraction) {
        double numerator = fraction.get("numerator") instanceof Number n ? n.doubleValue() : 0;
        double denominator = fraction.get("denominator") instanceof Number d ? d.doubleValue() : 100;
        return denominator > 0 ? 100 * numerator / denominator : 0;
    }

    /** The cookie ({@code name=value}) a backendRef's ResponseHeaderModifier adds with Set-Cookie, or null. */
    private static String setCookie(Object filters) {
        for (Object item : filters instanceof List<?> list ? list : List.of()) {
            Map<?, ?> filter = (Map<?, ?>) item;
            if (filter.get("responseHeaderModifier") instanceof Map<?, ?> modifier
                    && modifier.get("add") instanceof List<?> added) {
                for (Object header : added) {
                    Map<?, ?> h = (Map<?, ?>) header;
                    if (String.valueOf(h.get("name")).equalsIgnoreCase("set-cookie")) {
                        return String.valueOf(h.get("value")).split(";", 2)[0].strip();
                    }
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "HTTPRoute " + namespace + "/" + name;
    }
}
