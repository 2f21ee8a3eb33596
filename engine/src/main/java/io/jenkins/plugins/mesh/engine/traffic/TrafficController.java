package io.jenkins.plugins.mesh.engine.traffic;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.mesh.engine.kube.ApiCall;
import io.jenkins.plugins.mesh.engine.kube.ClusterException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The one entry point for changing traffic: a rollout, a Jenkins step or the command line calls
 * {@link #begin begin} (validate the route, take the Lease, store the snapshot in it), then {@link #setWeight
 * setWeight} and {@link #renew renew} as often as needed, and ends with {@link #promote promote} or {@link #restore
 * restore}, which release the Lease. Every method is synchronous and safe to call again after a crash: the Lease holds
 * everything needed, so {@link #restore(LeaseRef, Holder)} works from another process.
 *
 * <p>Guarantees: only the selected route's destination entries are written, with a PUT carrying the resourceVersion
 * read; a 409 leads to a re-read, and the write is re-applied only when the managed entries are still what this engine
 * last wrote (else {@link TrafficException.Reason#CONFLICT}, nothing overwritten); every write leaves an Event on the
 * object. Failures come as {@link TrafficException} with a message that says what to do.
 */
public final class TrafficController {

    private final Clock clock;
    private final TrafficSettings settings;
    private final RouteObjects objects;
    private final RouteLock lock;
    private final AuditTrail audit;
    private final Map<RouteKind, Router> routers =
            Map.of(RouteKind.VIRTUAL_SERVICE, new VirtualServiceRouter(), RouteKind.HTTP_ROUTE, new HttpRouteRouter());

    public TrafficController(KubernetesClient client, Clock clock, TrafficSettings settings) {
        this.clock = clock;
        this.settings = settings;
        ApiCall api = new ApiCall(settings.backoff(), settings.sleeper(), settings.random());
        this.objects = new RouteObjects(client, api);
        this.lock = new RouteLock(client, api);
        this.audit = new AuditTrail(client, api, clock);
    }

    /**
     * Builds a target from short names as people type them: {@code v1} is the subset {@code v1} or the host
     * {@code v1} of a destination in the object's routes (the named route only, when given); {@code reviews:v1} is
     * host and subset. Reads the object, writes nothing.
     *
     * @throws TrafficException INVALID when a name matches no destination or several
     */
    public RouteTarget resolve(RouteKind kind, String namespace, String name, String routeOrNull, String stable,
            String canary) {
        return guard(() -> {
            RouteTarget probe = new RouteTarget(kind, namespace, name, routeOrNull, Destination.host("stable"),
                    Destination.host("canary"));
            Map<String, Object> object = read(probe);
            List<Destination> found = router(kind).knownDestinations(object, routeOrNull);
            if (found.isEmpty()) {
                // No such route: resolve against all, and let route selection say which routes exist.
                found = router(kind).knownDestinations(object, null);
            }
            return new RouteTarget(kind, namespace, name, routeOrNull, pick(probe, found, "stable", stable),
                    pick(probe, found, "canary", canary));
        });
    }

    private static Destination pick(RouteTarget probe, List<Destination> found, String side, String word) {
        int colon = word.indexOf(':');
        if (colon > 0) {
            return Destination.subset(word.substring(0, colon), word.substring(colon + 1));
        }
        List<Destination> matches = found.stream().filter(d -> word.equals(d.subset())
                || d.subset() == null && Destination.host(word).matches(d.host(), null, probe.namespace())).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        throw new TrafficException(TrafficException.Reason.INVALID, "the " + side + " '" + word + "' "
                + (matches.isEmpty() ? "is no subset or host" : "names " + matches.size() + " destinations " + matches)
                + " in the routes of " + probe.describe() + (probe.route() != null ? " (route " + probe.route() + ")"
                : "") + "; found " + found + ". Write it as host:subset or as the host name");
    }

    /** What {@link #setWeight} would write, as a diff of the route; writes nothing and needs no lease. */
    public RoutePreview preview(RouteTarget target, int canaryWeight) {
        return guard(() -> {
            Router router = router(target.kind());
            Map<String, Object> object = read(target);
            SelectedRoute route = router.select(object, target);
            List<Map<String, Object>> current = router.destinations(object, route);
            return previewOf(router, target, object, route, router.withCanaryWeight(current, target, canaryWeight));
        });
    }

    /** What {@link #restore} would write, as a diff of the route; writes nothing. */
    public RoutePreview previewRestore(LeaseRef ref) {
        return guard(() -> {
            RouteSnapshot snapshot = existing(ref).snapshot();
            Router router = router(snapshot.target().kind());
            Map<String, Object> object = read(snapshot.target());
            SelectedRoute route = locate(router, object, snapshot);
            return previewOf(router, snapshot.target(), object, route, snapshot.destinations());
        });
    }

    /**
     * Validates the route and takes its Lease for {@code holder}, storing the snapshot of the route's destinations in
     * it before anything is written. Calling it again as the same holder (e.g. a resumed build) renews and returns the
     * lease with its first snapshot.
     *
     * @param takeOver take a stale lease (holder stopped renewing) instead of refusing; its snapshot is kept
     * @throws TrafficException INVALID (route missing or ambiguous), LOCKED, STALE_LEASE or RESTORE_PENDING
     */
    public RouteLease begin(RouteTarget target, Holder holder, boolean takeOver) {
        return guard(() -> {
            Router router = router(target.kind());
            Map<String, Object> object = read(target);
            SelectedRoute route = router.select(object, target);
            RouteTarget named = route.name() != null && target.route() == null
                    ? new RouteTarget(target.kind(), target.namespace(), target.name(), route.name(), target.stable(),
                            target.canary())
                    : target;
            LeaseRef ref = RouteLock.refFor(target, route);
            Instant now = clock.instant();
            Optional<RouteLease> found = lock.find(ref);
            if (found.isEmpty()) {
                Map<String, Object> metadata = JsonTree.asMap(object.get("metadata"));
                List<Map<String, Object>> current = router.destinations(object, route);
                RouteSnapshot snapshot = new RouteSnapshot(named, (String) object.get("apiVersion"),
                        (String) metadata.get("uid"), (String) metadata.get("resourceVersion"), route.key(),
                        route.index(), current, now.toString(), holder.identity());
                RouteLease fresh = new RouteLease(ref, holder.identity(), holder.build(), now, now,
                        settings.leaseDuration(), snapshot, current, null, null, null);
                Optional<RouteLease> created = lock.create(fresh);
                if (created.isPresent()) {
                    return created.get();
                }
                found = lock.find(ref);
                if (found.isEmpty()) {
                    throw new TrafficException(TrafficException.Reason.LOCKED, ref + " for " + describe(target, route)
                            + " was created and released by someone else meanwhile; try again");
                }
            }
            RouteLease lease = found.get();
            refusePending(lease);
            if (lease.holder().equals(holder.identity())) {
                return renewed(lease, holder);
            }
            if (!lease.staleAt(now)) {
                throw lockedBy(lease, describe(target, route));
            }
            if (!takeOver) {
                throw new TrafficException(TrafficException.Reason.STALE_LEASE, describe(target, route)
                        + " is locked by " + holderOf(lease) + ", which stopped renewing its lease at " + lease.renewed()
                        + " (lease of " + lease.duration().toSeconds() + " s). Its changes may still be in place: run `"
                        + rollbackCommand(lease.snapshot().target()) + "` to restore the route, or take the lease over");
            }
            return lock.replace(lease.withHolder(holder, now)).orElseThrow(() -> lockedBy(
                    lock.find(ref).orElse(lease), describe(target, route)));
        });
    }

    /**
     * Sets the canary to {@code canaryWeight} and the stable to 100 minus it on the route, for the lease's holder.
     *
     * @throws TrafficException NO_LEASE or LOCKED when {@code holder} does not hold the lease, CONFLICT when someone
     *     else changed the managed destinations, RESTORE_PENDING, FORBIDDEN, UNAVAILABLE
     */
    public WeightChange setWeight(RouteTarget target, Holder holder, int canaryWeight) {
        if (canaryWeight < 0 || canaryWeight > 100) {
            throw new IllegalArgumentException("the canary weight must be within 0..100, was " + canaryWeight);
        }
        return guard(() -> {
            RouteLease lease = held(target, holder);
            Router router = router(target.kind());
            return write(lease, holder, current -> router.withCanaryWeight(current, lease.snapshot().target(),
                    canaryWeight), "MeshWeightsChanged", "set weights", false);
        });
    }

    /** Sends all traffic to the canary (canary 100, stable 0) and releases the lease. */
    public WeightChange promote(RouteTarget target, Holder holder) {
        return guard(() -> {
            RouteLease lease = held(target, holder);
            Router router = router(target.kind());
            WeightChange change = write(lease, holder, current -> router.withCanaryWeight(current,
                    lease.snapshot().target(), 100), "MeshPromoted", "promoted the canary", false);
            lock.delete(lease.ref());
            return change;
        });
    }

    /**
     * Puts the route's destinations back exactly as in the lease's snapshot, verifies them by reading back and
     * releases the lease. Anyone may restore (a rollback from another build or the command line). When the restore
     * cannot complete the Lease keeps a restore-pending mark, and this throws RESTORE_PENDING with the reason.
     */
    public WeightChange restore(LeaseRef ref, Holder by) {
        return guard(() -> {
            RouteLease lease = existing(ref);
            try {
                WeightChange change = write(lease, by, current -> lease.snapshot().destinations(),
                        "MeshRouteRestored", "restored", true);
                verifyRestored(lease.snapshot());
                lock.delete(ref);
                return change;
            } catch (TrafficException | ClusterException | KubernetesClientException e) {
                String reason = e.getMessage();
                markPending(ref, reason);
                throw new TrafficException(TrafficException.Reason.RESTORE_PENDING, "the restore of "
                        + describe(lease.snapshot()) + " did not complete, and " + ref + " now says so: " + reason
                        + ". Fix the cause and run `" + rollbackCommand(lease.snapshot().target()) + "` again", e);
            }
        });
    }

    /** Renews the lease for its holder; call it well within the lease duration while a rollout runs. */
    public RouteLease renew(LeaseRef ref, Holder holder) {
        return guard(() -> {
            RouteLease lease = existing(ref);
            for (int attempt = 0; ; attempt++) {
                refusePending(lease);
                if (!lease.holder().equals(holder.identity())) {
                    throw lost(lease, holder);
                }
                Optional<RouteLease> renewed = lock.replace(lease.withRenewed(clock.instant()));
                if (renewed.isPresent()) {
                    return renewed.get();
                }
                if (attempt >= settings.conflictRetries()) {
                    throw new TrafficException(TrafficException.Reason.LOCKED, ref + " kept changing while renewing "
                            + "it; try again");
                }
                lease = existing(ref);
            }
        });
    }

    /** The lease of a route, if a rollout holds one. */
    public Optional<RouteLease> lease(LeaseRef ref) {
        return guard(() -> lock.find(ref));
    }

    /** Every route with a Mesh Pipeline lease in {@code namespaceOrNull} (all namespaces when null). */
    public List<RouteStatus> status(String namespaceOrNull) {
        return guard(() -> {
            List<RouteStatus> out = new ArrayList<>();
            Instant now = clock.instant();
            for (RouteLease lease : lock.list(namespaceOrNull)) {
                RouteSnapshot snapshot = lease.snapshot();
                List<WeightedDestination> weights = List.of();
                String problem = null;
                try {
                    Router router = router(snapshot.target().kind());
                    Map<String, Object> object = read(snapshot.target());
                    weights = router.weights(router.destinations(object, locate(router, object, snapshot)));
                } catch (TrafficException | ClusterException | KubernetesClientException e) {
                    problem = e.getMessage();
                }
                out.add(new RouteStatus(lease.ref(), snapshot.target(), snapshot.route(), lease.holder(),
                        lease.build(), lease.renewed(), lease.staleAt(now), weights, lease.restorePending(), problem));
            }
            return out;
        });
    }

    /** The shared write: read, check the managed entries are ours, mark intent, PUT, record applied, audit. */
    private WeightChange write(RouteLease start, Holder by, UnaryOperator<List<Map<String, Object>>> desiredOf,
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

    private void verifyRestored(RouteSnapshot snapshot) {
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

    private void markPending(LeaseRef ref, String reason) {
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

    private RouteLease held(RouteTarget target, Holder holder) {
        Router router = router(target.kind());
        Map<String, Object> object = read(target);
        SelectedRoute route = router.select(object, target);
        LeaseRef ref = RouteLock.refFor(target, route);
        RouteLease lease = lock.find(ref).orElseThrow(() -> new TrafficException(TrafficException.Reason.NO_LEASE,
                describe(target, route) + " has no lease (" + ref + "): begin the rollout first, which validates the "
                        + "route and stores its snapshot"));
        refusePending(lease);
        if (!lease.holder().equals(holder.identity())) {
            throw lost(lease, holder);
        }
        return lease;
    }

    private RouteLease existing(LeaseRef ref) {
        return lock.find(ref).orElseThrow(() -> new TrafficException(TrafficException.Reason.NO_LEASE, "there is no "
                + ref + ": no rollout holds this route, so there is nothing to restore (`mesh status` lists the "
                + "routes that have one)"));
    }

    private RouteLease renewed(RouteLease lease, Holder holder) {
        RouteLease renewed = lease.withRenewed(clock.instant());
        return lock.replace(renewed).orElseThrow(() -> lost(lock.find(lease.ref()).orElse(lease), holder));
    }

    private SelectedRoute locate(Router router, Map<String, Object> object, RouteSnapshot snapshot) {
        try {
            return router.select(object, snapshot.target());
        } catch (TrafficException e) {
            throw new TrafficException(TrafficException.Reason.CONFLICT, "the route of the snapshot can no longer be "
                    + "found as it was: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> read(RouteTarget target) {
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

    private RoutePreview previewOf(Router router, RouteTarget target, Map<String, Object> object, SelectedRoute route,
            List<Map<String, Object>> desired) {
        Map<String, Object> before = router.routeEntry(object, route);
        Map<String, Object> changed = JsonTree.copyMap(object);
        router.replaceDestinations(changed, route, desired);
        Map<String, Object> after = router.routeEntry(changed, route);
        List<Map<String, Object>> current = router.destinations(object, route);
        return new RoutePreview(target.describe(), route.key(), router.weights(current), router.weights(desired),
                RouteDiff.of("--- " + describe(target, route) + " (dry run: nothing written)", before, after));
    }

    private static void refusePending(RouteLease lease) {
        if (lease.restorePending() != null) {
            throw new TrafficException(TrafficException.Reason.RESTORE_PENDING, "a restore is pending for "
                    + describe(lease.snapshot()) + " (" + lease.ref() + "): " + lease.restorePending() + ". Run `"
                    + rollbackCommand(lease.snapshot().target()) + "` first");
        }
    }

    private static TrafficException lockedBy(RouteLease lease, String what) {
        return new TrafficException(TrafficException.Reason.LOCKED, what + " is locked by " + holderOf(lease)
                + " (lease renewed " + lease.renewed() + ", valid until " + lease.expires() + "); wait for it to "
                + "finish or stop it");
    }

    private static TrafficException lost(RouteLease lease, Holder holder) {
        return new TrafficException(TrafficException.Reason.LOCKED, holder.identity() + " no longer holds "
                + lease.ref() + " for " + describe(lease.snapshot()) + ": it is held by " + holderOf(lease)
                + "; stopping without writing");
    }

    private static String holderOf(RouteLease lease) {
        return lease.build() == null ? lease.holder() : lease.holder() + " (" + lease.build() + ")";
    }

    static String rollbackCommand(RouteTarget target) {
        return "mesh rollback --namespace " + target.namespace() + (target.kind() == RouteKind.VIRTUAL_SERVICE
                ? " --virtual-service " : " --http-route ") + target.name()
                + (target.route() != null ? " --route " + target.route() : "");
    }

    private static String describe(RouteSnapshot snapshot) {
        return describe(snapshot.target(), new SelectedRoute(snapshot.routeIndex(), snapshot.target().route()));
    }

    private static String describe(RouteTarget target, SelectedRoute route) {
        return (target.kind() == RouteKind.VIRTUAL_SERVICE ? "HTTP route '" : "rule '") + route.key() + "' of "
                + target.describe();
    }

    private Router router(RouteKind kind) {
        return routers.get(kind);
    }

    /** Turns a cluster failure into the one exception type callers handle. */
    private static <T> T guard(Supplier<T> action) {
        try {
            return action.get();
        } catch (ClusterException e) {
            throw new TrafficException(e.kind() == ClusterException.Kind.FORBIDDEN ? TrafficException.Reason.FORBIDDEN
                    : TrafficException.Reason.UNAVAILABLE, e.getMessage(), e);
        }
    }
}
