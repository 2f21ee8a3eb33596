package io.jenkins.plugins.mesh.engine.traffic;

import java.time.Instant;
import java.util.List;

/**
 * A route under Mesh Pipeline's control, as {@code mesh status} shows it.
 *
 * @param lease its Lease
 * @param target the route and destinations managed
 * @param route the route's key
 * @param holder who holds the lease
 * @param build the holder's build, or null
 * @param renewed when the holder last renewed
 * @param stale whether the holder stopped renewing past the lease duration
 * @param weights the route's destinations and weights now (empty when the object could not be read)
 * @param restorePending why a restore is pending, or null
 * @param problem why the route could not be read, or null
 */
public record RouteStatus(LeaseRef lease, RouteTarget target, String route, String holder, String build,
        Instant renewed, boolean stale, List<WeightedDestination> weights, String restorePending, String problem) {

    public RouteStatus {
        weights = List.copyOf(weights);
    }
}
