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
    private final Map<RouteKind, DestinationListRouter> routers =
            Map.of(RouteKind.VIRTUAL_SERVICE, new VirtualServiceRouter(), RouteKind.HTTP_ROUTE, new HttpRouteRouter());
    private final Map<RouteKind, RouteChangeEditor> editors = Map.of(
            RouteKind.VIRTUAL_SERVICE, new VirtualServiceChanges((VirtualServiceRouter) routers.get(RouteKind.VIRTUAL_SERVICE)),
            RouteKind.HTTP_ROUTE, new HttpRouteChanges((HttpRouteRouter) routers.get(RouteKind.HTTP_ROUTE)));

    RouteWriter(Clock clock, TrafficSettings settings, RouteObjects objects, RouteLock lock, AuditTrail audit) {
        this.clock = clock;
        this.settings = settings;
        this.objects = objects;
        this.lock = lock;
        this.audit = audit;
    }

    /**
     * The shared write: read, check the managed entries and changes are ours, work out the object to store, mark the
     * intent, PUT, check the API server kept the added changes, record what was applied, audit.
     */
    WeightChange write(RouteLease start, Holder by, RouteEdit edit, String reason, String verb, boolean restoring) {
        RouteSnapshot snapshot = start.snapshot();
        RouteTarget target = snapshot.target();
        Router router = router(target.kind());
        RoutePlanner planner = planner(target.kind());
        RouteLease lease = start;
        for (int attempt = 0; ; attempt++) {
            Map<String, Object> object = read(target);
            requireSameObject(object, snapshot);
            SelectedRoute route = locate(router, object, snapshot);
            List<Map<String, Object>> current = router.destinations(object, route);
            RoutePlanner.Planned planned = planner.plan(object, target, lease.changes(), edit, restoring);
            List<WeightedDestination> before = router.weights(current);
            List<WeightedDestination> after = router.weights(planned.destinations());
            if (JsonTree.same(object.get("spec"), planned.object().get("spec"))) {
                if (!JsonTree.same(current, lease.applied()) || lease.intended() != null
                        || !JsonTree.same(lease.changes(), planned.settled())) {
                    lease = mark(lease, by, current, null, planned.settled(), restoring);
                }
                return new WeightChange(lease.ref(), route.key(), before, before, false, List.of());
            }
            if (!ours(current, lease)) {
                throw conflict(router, target, route, lease, current);
            }
            // A write whose recording was lost (the Lease update after it failed) left the route at the intent: it
            // is what was applied, and must stay known as ours when this write's intent replaces the mark.
            List<Map<String, Object>> applied = lease.intended() != null && JsonTree.same(current, lease.intended())
                    ? current : lease.applied();
            RouteLease marked = mark(lease, by, applied, planned.destinations(), planned.intent(), restoring);
            Map<String, Object> stored;
            try {
                stored = objects.put(target.kind(), planned.object());
            } catch (KubernetesClientException e) {
                lease = marked;
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
            requireKept(marked, by, object, stored, planned, route, restoring);
            lease = mark(marked, by, planned.destinations(), null, planned.settled(), restoring);
            String message = by + " " + verb + " on " + describe(target, route) + ": " + before + " -> " + after;
            List<String> warnings = audit.record(stored, reason, message).map(List::of).orElse(List.of());
            return new WeightChange(lease.ref(), route.key(), before, after, true, warnings);
        }
    }

    /**
     * Checks that the object as stored holds each added change as written. An API server whose CRD does not know a
     * field drops it (an HTTPRoute's {@code requestMirror.percent} before Gateway API v1.2, which would mirror every
     * request): then the write is undone, the object put back as it was read, and the change refused.
     */
    private void requireKept(RouteLease marked, Holder by, Map<String, Object> read, Map<String, Object> stored,
            RoutePlanner.Planned planned, SelectedRoute route, boolean restoring) {
        RouteTarget target = marked.snapshot().target();
        RouteChangeEditor editor = editor(target.kind());
        for (AppliedChange added : planned.added()) {
            if (editor.presence(stored, target, added) == RouteChangeEditor.Presence.PRESENT) {
                continue;
            }
            Map<String, Object> undo = JsonTree.copyMap(read);
            JsonTree.asMap(undo.get("metadata")).put("resourceVersion",
                    JsonTree.asMap(stored.get("metadata")).get("resourceVersion"));
            objects.put(target.kind(), undo);
            mark(marked, by, marked.applied(), null, marked.changes().stream().filter(c -> !planned.added()
                    .contains(c)).toList(), restoring);
            throw new TrafficException(TrafficException.Reason.INVALID, "the API server did not keep "
                    + added.parts().stream().map(AddedPart::where).distinct().toList() + " as written when Mesh "
                    + "Pipeline tried to " + added.change().describe() + " on " + describe(target, route) + " (its "
                    + "CRD drops fields it does not know: an HTTPRoute mirror percentage needs the Gateway API CRDs "
                    + "of v1.3, or v1.2 experimental); the write was undone and the route is as before. Upgrade the "
                    + "CRDs or leave the change out");
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
            List<Map<String, Object>> intended, List<AppliedChange> changes, boolean restoring) {
        RouteLease current = lease;
        for (int attempt = 0; ; attempt++) {
            RouteLease marked = current.withMarks(applied, intended, changes);
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

    /** Reads the route back: its destinations are the snapshot's, and nothing of the lease's changes is left. */
    void verifyRestored(RouteLease lease) {
        RouteSnapshot snapshot = lease.snapshot();
        Router router = router(snapshot.target().kind());
        Map<String, Object> object = read(snapshot.target());
        List<Map<String, Object>> found = router.destinations(object, locate(router, object, snapshot));
        if (!JsonTree.same(found, snapshot.destinations())) {
            throw new TrafficException(TrafficException.Reason.CONFLICT, "reading " + describe(snapshot)
                    + " back after the restore found other destinations than the snapshot:\n"
                    + RouteDiff.of("snapshot vs found:", Map.of("destinations", snapshot.destinations()),
                            Map.of("destinations", found)));
        }
        RouteChangeEditor editor = editor(snapshot.target().kind());
        for (AppliedChange change : lease.changes()) {
            if (editor.presence(object, snapshot.target(), change) != RouteChangeEditor.Presence.ABSENT) {
                throw new TrafficException(TrafficException.Reason.CONFLICT, "reading " + describe(snapshot)
                        + " back after the restore found what Mesh Pipeline added to " + change.change().describe()
                        + " still there: " + change.parts().stream().map(AddedPart::where).distinct().toList());
            }
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

    /** Adds and removes route changes on objects of {@code kind}. */
    RouteChangeEditor editor(RouteKind kind) {
        return editors.get(kind);
    }

    /** Works out the objects writes of {@code kind} would store. */
    RoutePlanner planner(RouteKind kind) {
        return new RoutePlanner(routers.get(kind), editors.get(kind), settings.random());
    }
}
