package io.jenkins.plugins.mesh.engine.traffic;

import static io.jenkins.plugins.mesh.engine.traffic.TrafficMessages.describe;
import static io.jenkins.plugins.mesh.engine.traffic.TrafficMessages.holderOf;
import static io.jenkins.plugins.mesh.engine.traffic.TrafficMessages.lockedBy;
import static io.jenkins.plugins.mesh.engine.traffic.TrafficMessages.lost;
import static io.jenkins.plugins.mesh.engine.traffic.TrafficMessages.refusePending;
import static io.jenkins.plugins.mesh.engine.traffic.TrafficMessages.rollbackCommand;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.mesh.engine.KubernetesName;
import io.jenkins.plugins.mesh.engine.kube.ApiCall;
import io.jenkins.plugins.mesh.engine.kube.ClusterException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

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
    private final RouteLock lock;
    private final RouteWriter writer;

    public TrafficController(KubernetesClient client, Clock clock, TrafficSettings settings) {
        this.clock = clock;
        this.settings = settings;
        ApiCall api = new ApiCall(settings.backoff(), settings.sleeper(), settings.random());
        this.lock = new RouteLock(client, api);
        this.writer = new RouteWriter(clock, settings, new RouteObjects(client, api), lock,
                new AuditTrail(client, api, clock));
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
            Map<String, Object> object = writer.read(probe);
            List<Destination> found = writer.router(kind).knownDestinations(object, routeOrNull);
            if (found.isEmpty()) {
                // No such route: resolve against all, and let route selection say which routes exist.
                found = writer.router(kind).knownDestinations(object, null);
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
            Router router = writer.router(target.kind());
            Map<String, Object> object = writer.read(target);
            SelectedRoute route = router.select(object, target);
            List<Map<String, Object>> current = router.destinations(object, route);
            return previewOf(router, target, object, route, router.withCanaryWeight(current, target, canaryWeight));
        });
    }

    /** What {@link #restore} would write, as a diff of the route (and of the routes it takes away); writes nothing. */
    public RoutePreview previewRestore(LeaseRef ref) {
        return guard(() -> {
            RouteLease lease = existing(ref);
            RouteSnapshot snapshot = lease.snapshot();
            Router router = writer.router(snapshot.target().kind());
            Map<String, Object> object = writer.read(snapshot.target());
            SelectedRoute route = writer.locate(router, object, snapshot);
            if (lease.changes().isEmpty()) {
                return previewOf(router, snapshot.target(), object, route, snapshot.destinations());
            }
            RoutePlanner.Planned planned = writer.planner(snapshot.target().kind()).plan(object, snapshot.target(),
                    lease.changes(), RouteEdit.clearing(current -> snapshot.destinations()), true);
            return changePreview(snapshot.target(), object, planned, lease.changes(), "restore");
        });
    }

    /**
     * Adds {@code change} (an A/B route, a mirror to the canary, sticky sessions) to the route, for the lease's holder;
     * the Lease records what was added before the write, so {@link #restore} and {@link #promote} take exactly that
     * away again. Adding a change that is already in place changes nothing.
     *
     * @throws TrafficException INVALID when the route cannot take the change (say, the match would never be reached,
     *     or a mirror is already set), NO_LEASE or LOCKED when {@code holder} does not hold the lease, CONFLICT when
     *     someone else changed what this engine manages, RESTORE_PENDING, FORBIDDEN, UNAVAILABLE
     */
    public ChangeResult addChange(RouteTarget target, Holder holder, RouteChange change) {
        return guard(() -> {
            RouteLease lease = held(target, holder);
            WeightChange write = writer.write(lease, holder, RouteEdit.adding(change), "MeshRouteChanged",
                    "added: " + change.describe(), false);
            return new ChangeResult(write.lease(), write.route(), change, write.written(), write.warnings());
        });
    }

    /**
     * Takes away the change of {@code kind} ({@code match}, {@code mirror} or {@code sticky}) that {@link #addChange}
     * added, exactly, and nothing else: e.g. the mirror at the end of a mirror phase. Without such a change it writes
     * nothing.
     */
    public ChangeResult removeChange(RouteTarget target, Holder holder, String kind) {
        return guard(() -> {
            RouteLease lease = held(target, holder);
            AppliedChange recorded = lease.changes().stream().filter(c -> c.change().kind().equals(kind)).findFirst()
                    .orElse(null);
            if (recorded == null) {
                return new ChangeResult(lease.ref(), lease.snapshot().route(), null, false, List.of());
            }
            WeightChange write = writer.write(lease, holder, RouteEdit.removing(kind), "MeshRouteChanged",
                    "took away: " + recorded.change().describe(), false);
            return new ChangeResult(write.lease(), write.route(), recorded.change(), write.written(),
                    write.warnings());
        });
    }

    /**
     * What {@link #addChange} would write, as a diff of the managed route and the routes it adds; writes nothing and
     * needs no lease (a lease's changes in place are taken into account).
     *
     * @throws TrafficException INVALID when the route cannot take the change, as {@link #addChange} would
     */
    public RoutePreview previewChange(RouteTarget target, RouteChange change) {
        return guard(() -> {
            Router router = writer.router(target.kind());
            Map<String, Object> object = writer.read(target);
            SelectedRoute route = router.select(object, target);
            List<AppliedChange> records = lock.find(RouteLock.refFor(target, route)).map(RouteLease::changes)
                    .orElse(List.of());
            RoutePlanner.Planned planned = writer.planner(target.kind()).plan(object, target, records,
                    RouteEdit.adding(change), false);
            return changePreview(target, object, planned, planned.added(), change.describe());
        });
    }

    /** The diff of the managed route and the routes {@code changes} add, before and after {@code planned}. */
    private RoutePreview changePreview(RouteTarget target, Map<String, Object> object, RoutePlanner.Planned planned,
            List<AppliedChange> changes, String what) {
        Router router = writer.router(target.kind());
        RouteChangeEditor editor = writer.editor(target.kind());
        SelectedRoute before = router.select(object, target);
        SelectedRoute after = router.select(planned.object(), target);
        List<Map<String, Object>> beforeRoutes = new ArrayList<>();
        List<Map<String, Object>> afterRoutes = new ArrayList<>();
        for (AppliedChange change : changes) {
            beforeRoutes.addAll(editor.addedRoutes(object, change));
            afterRoutes.addAll(editor.addedRoutes(planned.object(), change));
        }
        beforeRoutes.add(router.routeEntry(object, before));
        afterRoutes.add(router.routeEntry(planned.object(), after));
        String key = target.kind() == RouteKind.VIRTUAL_SERVICE ? "http" : "rules";
        return new RoutePreview(target.describe(), before.key(), router.weights(router.destinations(object, before)),
                router.weights(planned.destinations()), RouteDiff.of("--- " + describe(target, before) + ": " + what
                        + " (dry run: nothing written)", Map.of(key, beforeRoutes), Map.of(key, afterRoutes)));
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
        for (int attempt = 0; ; attempt++) {
            // Empty: the Lease was created by someone else and gone again when read; start over from a fresh read.
            Optional<RouteLease> lease = guard(() -> beginOnce(target, holder, takeOver));
            if (lease.isPresent()) {
                return lease.get();
            }
            if (attempt >= settings.conflictRetries()) {
                throw new TrafficException(TrafficException.Reason.LOCKED, "the lease of " + target.describe()
                        + " was created and released by someone else " + (attempt + 1) + " times while "
                        + holder.identity() + " tried to take it; try again");
            }
        }
    }

    private Optional<RouteLease> beginOnce(RouteTarget target, Holder holder, boolean takeOver) {
        Router router = writer.router(target.kind());
        Map<String, Object> object = writer.read(target);
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
                    settings.leaseDuration(), snapshot, current, null, List.of(), null, null);
            Optional<RouteLease> created = lock.create(fresh);
            if (created.isPresent()) {
                refuseWhileApplying(target, route, ref);
                return created;
            }
            found = lock.find(ref);
            if (found.isEmpty()) {
                return Optional.empty();
            }
        }
        RouteLease lease = found.get();
        refusePending(lease);
        if (lease.holder().equals(holder.identity())) {
            return Optional.of(renewed(lease, holder));
        }
        if (!lease.staleAt(now)) {
            throw lockedBy(lease, describe(target, route));
        }
        if (!takeOver) {
            throw new TrafficException(TrafficException.Reason.STALE_LEASE, describe(target, route)
                    + " is locked by " + holderOf(lease) + ", which stopped renewing its lease at "
                    + lease.renewed() + " (lease of " + lease.duration().toSeconds() + " s). Its changes may still "
                    + "be in place: run `" + rollbackCommand(lease.snapshot().target()) + "` to restore the route, "
                    + "or take the lease over");
        }
        return Optional.of(lock.replace(lease.withHolder(holder, now)).orElseThrow(() -> lockedBy(
                lock.find(ref).orElse(lease), describe(target, route))));
    }

    /**
     * An apply of the route's object (its Lease, taken before it writes) and a rollout must not change the object
     * at once. Checked after the route's Lease was created, as the apply checks for route Leases after taking its
     * own, so of two that start together at least one sees the other; this one then releases what it took.
     */
    private void refuseWhileApplying(RouteTarget target, SelectedRoute route, LeaseRef ref) {
        Optional<String> apply;
        try {
            apply = lock.applyHolder(target.namespace(), target.kind().kind(), target.name());
        } catch (RuntimeException e) {
            releaseQuietly(ref, e);
            throw e;
        }
        if (apply.isPresent()) {
            lock.delete(ref);
            throw new TrafficException(TrafficException.Reason.LOCKED, describe(target, route) + " is being "
                    + "changed by mesh apply, " + apply.get() + "; start the rollout when that apply has ended (if "
                    + "it died, `mesh rollback --apply " + target.namespace() + "` reverts it)");
        }
    }

    /** Gives back a Lease this run just took and cannot use; a failure to do so is added to {@code cause}. */
    private void releaseQuietly(LeaseRef ref, RuntimeException cause) {
        try {
            lock.delete(ref);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
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
            Router router = writer.router(target.kind());
            return writer.write(lease, holder, RouteEdit.weights(current -> router.withCanaryWeight(current,
                    lease.snapshot().target(), canaryWeight)), "MeshWeightsChanged", "set weights", false);
        });
    }

    /**
     * Sends all traffic to the canary (canary 100, stable 0), takes away the route changes of the rollout (A/B,
     * mirror, sticky: the canary is the new stable) and releases the lease.
     */
    public WeightChange promote(RouteTarget target, Holder holder) {
        return guard(() -> {
            RouteLease lease = held(target, holder);
            Router router = writer.router(target.kind());
            WeightChange change = writer.write(lease, holder, RouteEdit.clearing(current -> router.withCanaryWeight(
                    current, lease.snapshot().target(), 100)), "MeshPromoted", "promoted the canary", false);
            lock.delete(lease.ref());
            return change;
        });
    }

    /**
     * Puts the route's destinations back exactly as in the lease's snapshot, takes away exactly what the route changes
     * of the rollout added, verifies both by reading back and releases the lease. Anyone may restore (a rollback from another build or the command line). When the restore
     * cannot complete the Lease keeps a restore-pending mark, and this throws RESTORE_PENDING with the reason.
     */
    public WeightChange restore(LeaseRef ref, Holder by) {
        return guard(() -> {
            RouteLease lease = existing(ref);
            try {
                WeightChange change = writer.write(lease, by, RouteEdit.clearing(current -> lease.snapshot()
                        .destinations()), "MeshRouteRestored", "restored", true);
                writer.verifyRestored(lease);
                lock.delete(ref);
                return change;
            } catch (TrafficException | ClusterException | KubernetesClientException e) {
                String reason = e.getMessage();
                writer.markPending(ref, reason);
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

    /**
     * The Lease that does (or would) lock {@code target}'s route: what a resumed rollout or a rollback needs when it
     * did not take the lease itself. Reads the object to select the route; writes nothing.
     */
    public LeaseRef leaseOf(RouteTarget target) {
        return guard(() -> {
            Router router = writer.router(target.kind());
            return RouteLock.refFor(target, router.select(writer.read(target), target));
        });
    }

    /** The lease of a route, if a rollout holds one. */
    public Optional<RouteLease> lease(LeaseRef ref) {
        return guard(() -> lock.find(ref));
    }

    /** Every route with a Mesh Pipeline lease in {@code namespaceOrNull} (all namespaces when null). */
    public List<RouteStatus> status(String namespaceOrNull) {
        if (namespaceOrNull != null) {
            KubernetesName.requireLabel("namespace", namespaceOrNull);
        }
        return guard(() -> {
            List<RouteStatus> out = new ArrayList<>();
            Instant now = clock.instant();
            for (RouteLease lease : lock.list(namespaceOrNull)) {
                RouteSnapshot snapshot = lease.snapshot();
                List<WeightedDestination> weights = List.of();
                String problem = null;
                try {
                    Router router = writer.router(snapshot.target().kind());
                    Map<String, Object> object = writer.read(snapshot.target());
                    weights = router.weights(router.destinations(object, writer.locate(router, object, snapshot)));
                } catch (TrafficException | ClusterException | KubernetesClientException e) {
                    problem = e.getMessage();
                }
                out.add(new RouteStatus(lease.ref(), snapshot.target(), snapshot.route(), lease.holder(),
                        lease.build(), lease.renewed(), lease.staleAt(now), weights, lease.restorePending(), problem));
            }
            return out;
        });
    }

    /**
     * The lease on a route of the object {@code kind namespace/name} (on route {@code routeOrNull} only, when given):
     * what a rollback that names the object but not its destinations restores. Empty when no rollout holds one.
     *
     * @throws TrafficException INVALID when several routes of the object have a lease and none is named
     */
    public Optional<RouteStatus> leaseOn(RouteKind kind, String namespace, String name, String routeOrNull) {
        List<RouteStatus> leases = status(namespace).stream()
                .filter(s -> s.target().kind() == kind && s.target().name().equals(name))
                .filter(s -> routeOrNull == null || routeOrNull.equals(s.route())).toList();
        if (leases.size() > 1) {
            throw new TrafficException(TrafficException.Reason.INVALID, kind.kind() + " " + namespace + "/" + name
                    + " has leases on several routes: " + leases.stream().map(RouteStatus::route).toList()
                    + "; name the route to restore");
        }
        return leases.stream().findFirst();
    }

    private RouteLease held(RouteTarget target, Holder holder) {
        Router router = writer.router(target.kind());
        Map<String, Object> object = writer.read(target);
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

    /** Renews one's own lease; a 409 is re-read, and only a lease now held by someone else counts as lost. */
    private RouteLease renewed(RouteLease lease, Holder holder) {
        RouteLease current = lease;
        for (int attempt = 0; ; attempt++) {
            Optional<RouteLease> stored = lock.replace(current.withRenewed(clock.instant()));
            if (stored.isPresent()) {
                return stored.get();
            }
            Optional<RouteLease> fresh = lock.find(lease.ref());
            if (fresh.isEmpty() || !fresh.get().holder().equals(holder.identity())) {
                throw lost(fresh.orElse(current), holder);
            }
            refusePending(fresh.get());
            if (attempt >= settings.conflictRetries()) {
                throw new TrafficException(TrafficException.Reason.LOCKED, lease.ref() + " kept changing while "
                        + "renewing it; try again");
            }
            current = fresh.get();
        }
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

    /** Turns a cluster failure into the one exception type callers handle. */
    private static <T> T guard(Supplier<T> action) {
        try {
            return action.get();
        } catch (ClusterException e) {
            throw new TrafficException(e.kind() == ClusterException.Kind.FORBIDDEN ? TrafficException.Reason.FORBIDDEN
                    : TrafficException.Reason.UNAVAILABLE, e.getMessage(), e);
        } catch (KubernetesClientException e) {
            // An answer no step expects (400, 422, ...): the request itself was wrong, so it is not retried.
            throw new TrafficException(TrafficException.Reason.INVALID, "the API server refused the request (HTTP "
                    + e.getCode() + "): " + (e.getStatus() != null && e.getStatus().getMessage() != null
                            ? e.getStatus().getMessage() : e.getMessage()), e);
        }
    }
}
