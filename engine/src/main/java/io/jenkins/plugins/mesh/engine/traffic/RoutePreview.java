package io.jenkins.plugins.mesh.engine.traffic;

import java.util.List;

/**
 * What a write would do, computed from the live object without writing anything (like {@code terraform plan}).
 *
 * @param object {@code VirtualService shop/reviews}
 * @param route the route's key within the object
 * @param before the destinations and weights now
 * @param after the destinations and weights the write would set
 * @param diff the route entry before and after as a YAML line diff
 */
public record RoutePreview(String object, String route, List<WeightedDestination> before,
        List<WeightedDestination> after, String diff) {

    public RoutePreview {
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    /** Whether the write would change anything. */
    public boolean changes() {
        return !before.equals(after) || diff.lines().skip(1).anyMatch(l -> !l.startsWith("  "));
    }
}
