package io.jenkins.plugins.mesh.engine.traffic;

import java.util.List;

/**
 * The outcome of a route write (weights set, promotion or restore).
 *
 * @param lease the route's Lease (released after a restore or promotion)
 * @param route the route's key within the object
 * @param before the destinations and weights found
 * @param after the destinations and weights now in the cluster
 * @param written whether the route was written (false when it already had these weights)
 * @param warnings what went wrong without undoing the write, e.g. an audit Event that could not be recorded
 */
public record WeightChange(LeaseRef lease, String route, List<WeightedDestination> before,
        List<WeightedDestination> after, boolean written, List<String> warnings) {

    public WeightChange {
        before = List.copyOf(before);
        after = List.copyOf(after);
        warnings = List.copyOf(warnings);
    }
}
