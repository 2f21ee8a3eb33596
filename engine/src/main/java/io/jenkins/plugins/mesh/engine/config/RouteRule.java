package io.jenkins.plugins.mesh.engine.config;

import java.util.List;

/**
 * One HTTP route of a VirtualService ({@code spec.http[i]}) or rule of an HTTPRoute ({@code spec.rules[i]}).
 *
 * @param index position in its list
 * @param name the route name, or null
 * @param matches the raw match conditions
 * @param destinations where traffic goes
 * @param path field path of the route, e.g. {@code spec.http[2]}
 */
public record RouteRule(int index, String name, List<Object> matches, List<Destination> destinations, String path) {

    public RouteRule {
        matches = List.copyOf(matches.stream().map(m -> m == null ? "" : m).toList());
        destinations = List.copyOf(destinations);
    }

    /** {@code "name"} or {@code #index}, the way Istio names a route in messages. */
    public String label() {
        return name != null ? "\"" + name + "\"" : "#" + index;
    }
}
