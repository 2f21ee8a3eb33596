package io.jenkins.plugins.mesh.engine.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the Lease of a route says: who holds it, when it was renewed, the snapshot to restore, the destination entries
 * last written ({@code applied}) and being written ({@code intended}, a write-ahead mark so that a crash between the
 * route write and the Lease update is not mistaken for someone else's edit), the route changes added beyond the
 * weights (each with its parts and how far its write got), and a pending-restore message.
 *
 * @param changes the A/B, mirror and sticky changes added to the route, with what each added; empty when none
 */
public record RouteLease(LeaseRef ref, String holder, String build, Instant acquired, Instant renewed,
        Duration duration, RouteSnapshot snapshot, List<Map<String, Object>> applied,
        List<Map<String, Object>> intended, List<AppliedChange> changes, String restorePending,
        String resourceVersion) {

    public RouteLease {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

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
        return withMarks(newApplied, newIntended, changes);
    }

    /** The same lease with other write marks and change records. */
    RouteLease withMarks(List<Map<String, Object>> newApplied, List<Map<String, Object>> newIntended,
            List<AppliedChange> newChanges) {
        return new RouteLease(ref, holder, build, acquired, renewed, duration, snapshot, newApplied, newIntended,
                newChanges, restorePending, resourceVersion);
    }

    RouteLease withRenewed(Instant now) {
        return new RouteLease(ref, holder, build, acquired, now, duration, snapshot, applied, intended, changes,
                restorePending, resourceVersion);
    }

    RouteLease withRestorePending(String message) {
        return new RouteLease(ref, holder, build, acquired, renewed, duration, snapshot, applied, intended, changes,
                message, resourceVersion);
    }

    RouteLease withHolder(Holder newHolder, Instant now) {
        return new RouteLease(ref, newHolder.identity(), newHolder.build(), now, now, duration, snapshot, applied,
                intended, changes, restorePending, resourceVersion);
    }
}
