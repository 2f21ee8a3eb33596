package io.jenkins.plugins.mesh.engine.traffic;

import static io.jenkins.plugins.mesh.engine.traffic.TrafficMessages.describe;
import static io.jenkins.plugins.mesh.engine.traffic.TrafficMessages.lost;
import static io.jenkins.plugins.mesh.engine.traffic.TrafficMessages.refusePending;
import static io.jenkins.plugins.mesh.engine.traffic.TrafficMessages.rollbackCommand;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.mesh.engine.kube.ClusterException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The one way a route is written: read, check that the managed destination entries are still what this engine
 * wrote (or is writing), mark the intent in the Lease, PUT with the resourceVersion read, record what was written,
 * leave an audit Event. A 409 leads to a re-read; a real difference in the managed entries stops without writing.
 */
final class RouteWriter {

    private final Clock clock;
    private final TrafficSettings settings;
    private final RouteObjects objects;
    private final RouteLock lock;
    private final AuditTrail audit;
    private final Map<RouteKind, Router> routers =
            Map.of(RouteKind.VIRTUAL_SERVICE, new VirtualServiceRouter(), RouteKind.HTTP_ROUTE, new HttpRouteRouter());

    RouteWriter(Clock clock, TrafficSettings settings, RouteObjects objects, RouteLock lock, AuditTrail audit) {
        this.clock = clock;
        this.settings = settings;
        this.objects = objects;
        this.lock = lock;
        this.audit = audit;
    }

    /** The shared write: read, check the managed entries are ours, mark intent, PUT, record applied, audit. */
    WeightChange write(RouteLease start, Holder by, UnaryOperator<List<Map<String, Object>>> desiredOf,
            String reason, String verb, boolean restoring) {
        RouteSnapshot snapshot = start.snapshot();
        RouteTarget target = snapshot.target();
        Router router = router(target.kind());
        RouteLease lease = start;
        for (int attempt = 0; ; attempt++) {
            Map<String, Object> object = read(target);
            requireSameObject(object, snapshot);
            SelectedRoute route = locate(router, object, snapshot);
            List<Map<String, Object>> current = router.destinations(object, route);
            List<Map<String, Object>> desired = desiredOf.apply(current);
            if (JsonTree.same(current, desired)) {
                if (!JsonTree.same(current, lease.applied()) || lease.intended() != null) {
                    lease = mark(lease, by, current, null, restoring);
                }
                return new WeightChange(lease.ref(), route.key(), router.weights(current), router.weights(current),
                        false, List.of());
            }
            if (!ours(current, lease)) {
                throw conflict(router, target, route, lease, current);
            }
            lease = mark(lease, by, lease.applied(), desired, restoring);
            Map<String, Object> changed = JsonTree.copyMap(object);
            router.replaceDestinations(changed, route, desired);
            Map<String, Object> stored;
            try {
                stored = objects.put(target.kind(), changed);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409 && attempt < settings.conflictRetries()) {
                    continue;
                }
                if (e.getCode() == 409) {
                    throw new TrafficException(TrafficException.Reason.CONFLICT, describe(target, route) + " kept "
                            + "changing under us (" + (attempt + 1) + " conflicts in a row); nothing was overwritten. "
                            + "Try again when the other writer is done", e);
                }
                throw new TrafficException(e.getCode() == 404 ? TrafficException.Reason.CONFLICT
                        : TrafficException.Reason.INVALID, "cannot write " + describe(target, route) + ": "
                        + e.getMessage(), e);
            }
            lease = mark(lease, by, desired, null, restoring);
            List<WeightedDestination> before = router.weights(current);
            List<WeightedDestination> after = router.weights(desired);
            String message = by + " " + verb + " on " + describe(target, route) + ": " + before + " -> " + after;
            List<String> warnings = audit.record(stored, reason, message).map(List::of).orElse(List.of());
            return new WeightChange(lease.ref(), route.key(), before, after, true, warnings);
        }
    }

    /** Whether the managed entries are what this engine wrote, is writing, or found at the start. */
    private static boolean ours(List<Map<String, Object>> current, RouteLease lease) {
        return JsonTree.same(current, lease.applied())
                || lease.intended() != null && JsonTree.same(current, lease.intended())
                || JsonTree.same(current, lease.snapshot().destinations());
    }

    /** Stores the write marks in the lease; a 409 means someone else wrote the lease: re-read and decide. */
    private RouteLease mark(RouteLease lease, Holder by, List<Map<String, Object>> applied,
            List<Map<String, Object>> intended, boolean restoring) {
        RouteLease current = lease;
        for (int attempt = 0; ; attempt++) {
            RouteLease marked = current.withMarks(applied, intended);
            Optional<RouteLease> stored = lock.replace(restoring ? marked : marked.withRenewed(clock.instant()));
            if (stored.isPresent()) {
                return stored.get();
            }
            Optional<RouteLease> fresh = lock.find(lease.ref());
            if (fresh.isEmpty()) {
                throw new TrafficException(TrafficException.Reason.NO_LEASE, lease.ref() + " was released by "
                        + "someone else (a rollback?) while " + by + " was changing "
                        + describe(lease.snapshot()) + "; stopping");
            }
            if (!restoring) {
                refusePending(fresh.get());
                if (!fresh.get().holder().equals(by.identity())) {
                    throw lost(fresh.get(), by);
                }
            }
            if (attempt >= settings.conflictRetries()) {
                throw new TrafficException(TrafficException.Reason.LOCKED, lease.ref() + " kept changing; try again");
            }
            current = fresh.get();
        }
    }

    void verifyRestored(RouteSnapshot snapshot) {
        Router router = router(snapshot.target().kind());
        Map<String, Object> object = read(snapshot.target());
        List<Map<String, Object>> found = router.destinations(object, locate(router, object, snapshot));
        if (!JsonTree.same(found, snapshot.destinations())) {
            throw new TrafficException(TrafficException.Reason.CONFLICT, "reading " + describe(snapshot)
                    + " back after the restore found other destinations than the snapshot:\n"
                    + RouteDiff.of("snapshot vs found:", Map.of("destinations", snapshot.destinations()),
                            Map.of("destinations", found)));
        }
    }

    void markPending(LeaseRef ref, String reason) {
        try {
            for (int attempt = 0; attempt <= settings.conflictRetries(); attempt++) {
                Optional<RouteLease> fresh = lock.find(ref);
                if (fresh.isEmpty() || lock.replace(fresh.get().withRestorePending(reason)).isPresent()) {
                    return;
                }
            }
        } catch (ClusterException | KubernetesClientException e) {
            // The cause of the failed restore is reported; the Lease still holds the snapshot for the next rollback.
        }
    }

    SelectedRoute locate(Router router, Map<String, Object> object, RouteSnapshot snapshot) {
        try {
            return router.select(object, snapshot.target());
        } catch (TrafficException e) {
            throw new TrafficException(TrafficException.Reason.CONFLICT, "the route of the snapshot can no longer be "
                    + "found as it was: " + e.getMessage(), e);
        }
    }

    Map<String, Object> read(RouteTarget target) {
        return objects.get(target.kind(), target.namespace(), target.name()).orElseThrow(() -> new TrafficException(
                TrafficException.Reason.INVALID, target.describe() + " was not found: check the name and the "
                        + "namespace (and the cluster context)"));
    }

    private static void requireSameObject(Map<String, Object> object, RouteSnapshot snapshot) {
        Object uid = JsonTree.asMap(object.get("metadata")).get("uid");
        if (snapshot.uid() != null && uid != null && !snapshot.uid().equals(uid)) {
            throw new TrafficException(TrafficException.Reason.CONFLICT, snapshot.target().describe() + " was deleted "
                    + "and created again since the snapshot (uid " + snapshot.uid() + ", now " + uid + "); nothing was "
                    + "written. Check its routes by hand and delete the Mesh Pipeline lease");
        }
    }

    private TrafficException conflict(Router router, RouteTarget target, SelectedRoute route, RouteLease lease,
            List<Map<String, Object>> current) {
        return new TrafficException(TrafficException.Reason.CONFLICT, "someone else changed the weights of "
                + describe(target, route) + " since Mesh Pipeline last wrote them; nothing was overwritten. Now "
                + router.weights(current) + ", expected " + router.weights(lease.applied()) + ":\n"
                + RouteDiff.of("expected (last written) vs found:", Map.of("destinations", lease.applied()),
                        Map.of("destinations", current))
                + "Agree with whoever changed it, then run `" + rollbackCommand(target) + "` or set the weights again");
    }

    Router router(RouteKind kind) {
        return routers.get(kind);
    }
}
