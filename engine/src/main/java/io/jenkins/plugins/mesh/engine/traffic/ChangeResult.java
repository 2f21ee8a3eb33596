package io.jenkins.plugins.mesh.engine.traffic;

import java.util.List;

/**
 * The outcome of adding or taking away a route change.
 *
 * @param lease the route's Lease, which records the change
 * @param route the managed route's key within the object
 * @param change the change added or taken away, or null when there was none to take away
 * @param written whether the object was written (false when it already was as asked)
 * @param warnings what went wrong without undoing the write, e.g. an audit Event that could not be recorded
 */
public record ChangeResult(LeaseRef lease, String route, RouteChange change, boolean written, List<String> warnings) {

    public ChangeResult {
        warnings = List.copyOf(warnings);
    }
}
