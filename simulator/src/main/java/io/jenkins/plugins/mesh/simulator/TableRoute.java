package io.jenkins.plugins.mesh.simulator;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One route of a {@link RoutingTable}: which requests it takes, how it splits them between destinations, what it
 * mirrors, and which cookies the destinations' answers set.
 *
 * @param name the route's name (or {@code #index}), for messages
 * @param matches the alternatives a request may meet; empty takes every request
 * @param weights relative weight per destination key ({@link MeshVersion#routeKey()})
 * @param mirrors percent of the route's requests copied to each destination key
 * @param setCookies the cookie ({@code name=value}) each destination key's answers set
 */
public record TableRoute(String name, List<Predicate<SimRequest>> matches, Map<String, Double> weights,
        Map<String, Double> mirrors, Map<String, String> setCookies) {

    public TableRoute {
        matches = List.copyOf(matches);
        weights = Map.copyOf(weights);
        mirrors = Map.copyOf(mirrors);
        setCookies = Map.copyOf(setCookies);
    }

    /** Whether the route takes {@code request}. */
    public boolean takes(SimRequest request) {
        return matches.isEmpty() || matches.stream().anyMatch(m -> m.test(request));
    }

    /** The share of the route's requests that goes to {@code key}, 0..1 (weights are relative). */
    public double share(String key) {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        Double weight = weights.get(key);
        return total > 0 && weight != null ? weight / total : 0;
    }
}
