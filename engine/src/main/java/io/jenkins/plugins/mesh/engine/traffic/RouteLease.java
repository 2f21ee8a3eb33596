package io.jenkins.plugins.mesh.engine.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the Lease of a route says: who holds it, when it was renewed, the snapshot to restore, the destination entries
 * last written ({@code applied}) and being written ({@code intended}, a write-ahead mark so that a crash between the
 * route write and the Lease update is not mistaken for someone else's edit), and a pending-restore message.
 */
public record RouteLease(LeaseRef ref, String holder, String build, Instant acquired, Instant renewed,
        Duration duration, RouteSnapshot snapshot, List<Map<String, Object>> applied,
        List<Map<String, Object>> intended, String restorePending, String resourceVersion) {

    /** When the lease runs out unless renewed. */
    public Instant expires() {
        return renewed.plus(duration);
    }

    /** Whether the holder stopped renewing past the lease duration. */
    public boolean staleAt(Instant now) {
        return now.isAfter(expires());
    }

    /** The same lease with other write marks. */
    RouteLease withMarks(List<Map<String, Object>> newApplied, List<Map<String, Object>> newIntended) {
        return new RouteLease(ref, holder, build, acquired, renewed, duration, snapshot, newApplied, newIntended,
                restorePending, resourceVersion);
    }

    RouteLease withRenewed(Instant now) {
        return new RouteLease(ref, holder, build, acquired, now, duration, snapshot, applied, intended,
                restorePending, resourceVersion);
    }

    RouteLease withRestorePending(String message) {
        return new RouteLease(ref, holder, build, acquired, renewed, duration, snapshot, applied, intended, message,
                resourceVersion);
    }

    RouteLease withHolder(Holder newHolder, Instant now) {
        return new RouteLease(ref, newHolder.identity(), newHolder.build(), now, now, duration, snapshot, applied,
                intended, restorePending, resourceVersion);
    }
}
