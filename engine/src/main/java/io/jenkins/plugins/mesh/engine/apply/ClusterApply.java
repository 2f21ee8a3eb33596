package io.jenkins.plugins.mesh.engine.apply;

import io.jenkins.plugins.mesh.engine.config.MeshKind;
import io.jenkins.plugins.mesh.engine.config.ResourceKey;
import io.jenkins.plugins.mesh.engine.traffic.AuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link ApplyCluster} on a real API server: Leases for locks and snapshots ({@link ApplyLeases}), the objects through
 * an {@link ObjectStore}, route Leases of rollouts through {@link RolloutLeases}, an audit Event per change.
 */
public final class ClusterApply implements ApplyCluster {

    private static final Duration LEASE_MARGIN = Duration.ofMinutes(5);

    private final ObjectStore store;
    private final ApplyLeases leases;
    private final RolloutLeases rollouts;
    private final AuditTrail audit;
    private final Clock clock;
    private final Consumer<String> warnings;
    private final ObjectReverter reverter;

    /**
     * @param audit records an Event per change; null for none
     * @param warnings gets what went wrong without failing the apply (an Event not recorded)
     */
    public ClusterApply(ObjectStore store, ApplyLeases leases, RolloutLeases rollouts, AuditTrail audit, Clock clock,
            Consumer<String> warnings) {
        this.store = store;
        this.leases = leases;
        this.rollouts = rollouts;
        this.audit = audit;
        this.clock = clock;
        this.warnings = warnings == null ? w -> { } : warnings;
        this.reverter = new ObjectReverter(store);
    }

    @Override
    public void lock(ApplyState state, ApplyItem item) {
        String rollout = rollouts.heldIn(item.namespace()).get(new ResourceKey(item.kind().qualifiedKind(),
                item.namespace(), item.name()));
        if (rollout != null) {
            throw new IllegalStateException("a rollout holds its route (" + rollout + "); apply after the rollout "
                    + "ends");
        }
        ApplyLease wanted = new ApplyLease(item.namespace(), item.lease(), state.holder(), state.build(),
                clock.instant(), item.action(), item.kind(), item.name(),
                item.desired() == null ? null : ObjectContent.hash(item.desired()), item.snapshot(), null, null);
        boolean foreign = false;
        for (int attempt = 1; attempt <= 5; attempt++) {
            if (leases.create(wanted, leaseDuration(state)).isPresent()) {
                return;
            }
            Optional<ApplyLease> existing = leases.find(item.namespace(), item.lease());
            if (existing.isPresent() && existing.get().holder().equals(state.holder())
                    && existing.get().restorePending() == null) {
                return; // our own Lease, from an attempt whose answer was lost or a run being resumed
            }
            if (existing.isPresent()) {
                ApplyLease lease = existing.get();
                throw new IllegalStateException("locked by " + lease.holder() + " since " + lease.renewed()
                        + " (Lease " + lease.namespace() + "/" + lease.name() + (lease.restorePending() != null
                        ? ", revert pending: run mesh rollback --apply " + lease.namespace()
                        : "; wait for that apply, or if it is dead, run mesh rollback --apply " + lease.namespace())
                        + ")");
            }
            // A 409 for a Lease not found: released meanwhile, or our own create still on its way (a request
            // that timed out can reach the server later). Look again.
            foreign = leases.exists(item.namespace(), item.lease());
        }
        throw new IllegalStateException(foreign ? "Lease " + item.namespace() + "/" + item.lease() + " exists and was "
                + "not written by mesh apply; delete it or rename the object" : "its Lease " + item.namespace() + "/"
                + item.lease() + " kept appearing and disappearing; apply again");
    }

    @Override
    public void write(ApplyState state, ApplyItem item) {
        // A resumed run may find its Lease gone (released by mesh rollback --apply): then it must not write.
        Optional<ApplyLease> lease = leases.find(item.namespace(), item.lease());
        if (lease.isEmpty() || !lease.get().holder().equals(state.holder())) {
            throw new IllegalStateException("its Lease " + item.namespace() + "/" + item.lease() + " is "
                    + lease.map(l -> "held by " + l.holder()).orElse("gone") + "; nothing was written");
        }
        // The plan and the lock looked for rollouts before this Lease was taken; a rollout that started since
        // checks for this Lease after taking its own, and this check closes the other side.
        if (item.kind() == MeshKind.VIRTUAL_SERVICE || item.kind() == MeshKind.HTTP_ROUTE) {
            String rollout = rollouts.heldIn(item.namespace()).get(new ResourceKey(item.kind().qualifiedKind(),
                    item.namespace(), item.name()));
            if (rollout != null) {
                throw new IllegalStateException("a rollout took its route since the plan (" + rollout + "); nothing "
                        + "was written to it: apply after the rollout ends");
            }
        }
        switch (item.action()) {
            case CREATE -> create(state, item);
            case UPDATE -> update(state, item);
            case DELETE -> delete(state, item);
            default -> throw new IllegalStateException(item.action() + " is not a write");
        }
    }

    private void create(ApplyState state, ApplyItem item) {
        try {
            Map<String, Object> created = store.create(item.kind(), Snapshots.at(item.desired(), null));
            record(created, "MeshApply", "created by " + who(state));
        } catch (StaleObjectException e) {
            Optional<Map<String, Object>> live = store.get(item.kind(), item.namespace(), item.name());
            if (live.isEmpty() || !ObjectContent.hash(live.get()).equals(ObjectContent.hash(item.desired()))) {
                throw new IllegalStateException("created by someone else since the plan; nothing was overwritten: "
                        + "plan again", e);
            }
        }
    }

    private void update(ApplyState state, ApplyItem item) {
        String version = Snapshots.resourceVersion(item.snapshot());
        String snapshotHash = ObjectContent.hash(item.snapshot());
        String desiredHash = ObjectContent.hash(item.desired());
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                Map<String, Object> written = store.replace(item.kind(), Snapshots.at(item.desired(), version));
                record(written, "MeshApply", "updated by " + who(state));
                return;
            } catch (StaleObjectException e) {
                // Re-plan this object: only a change that left its content as planned may be written over.
                Optional<Map<String, Object>> live = store.get(item.kind(), item.namespace(), item.name());
                String liveHash = live.map(ObjectContent::hash).orElse(null);
                if (desiredHash.equals(liveHash)) {
                    return; // our earlier attempt landed; its answer was lost
                }
                if (!snapshotHash.equals(liveHash)) {
                    throw new IllegalStateException(live.isEmpty() ? "deleted by someone since the plan; plan again"
                            : "changed by someone since the plan (their edit is kept, nothing was overwritten); plan "
                                    + "again to see the change", e);
                }
                version = Snapshots.resourceVersion(live.get());
            }
        }
        throw new IllegalStateException("its resourceVersion kept changing; plan and apply again");
    }

    private void delete(ApplyState state, ApplyItem item) {
        Optional<Map<String, Object>> live = store.get(item.kind(), item.namespace(), item.name());
        if (live.isEmpty()) {
            return;
        }
        if (!ObjectContent.hash(live.get()).equals(ObjectContent.hash(item.snapshot()))) {
            throw new IllegalStateException("changed by someone since the plan (their edit is kept, nothing was "
                    + "deleted); plan again");
        }
        store.delete(item.kind(), item.namespace(), item.name(), Snapshots.resourceVersion(live.get()));
        record(live.get(), "MeshApply", "deleted (pruned) by " + who(state));
    }

    @Override
    public void verify(ApplyItem item) {
        Optional<Map<String, Object>> live = store.get(item.kind(), item.namespace(), item.name());
        if (item.action() == PlanAction.DELETE) {
            if (live.isPresent()) {
                throw new IllegalStateException("still exists after its delete");
            }
            return;
        }
        if (live.isEmpty() || !ObjectContent.hash(live.get()).equals(ObjectContent.hash(item.desired()))) {
            throw new IllegalStateException(live.isEmpty() ? "is gone right after it was written"
                    : "does not read back as written (someone changed it, or the API server altered it)");
        }
    }

    @Override
    public ItemStatus revert(ApplyState state, ApplyItem item) {
        ItemStatus result = reverter.revert(item.action(), item.kind(), item.namespace(), item.name(),
                item.desired() == null ? null : ObjectContent.hash(item.desired()), item.snapshot());
        if (result == ItemStatus.REVERTED) {
            Map<String, Object> subject = item.snapshot() != null ? item.snapshot() : item.desired();
            record(subject, "MeshRevert", "reverted by " + who(state) + (state.reason() == null ? ""
                    : ": " + state.reason()));
        }
        return result;
    }

    @Override
    public void release(ApplyState state, ApplyItem item) {
        Optional<ApplyLease> lease = leases.find(item.namespace(), item.lease());
        if (lease.isPresent() && lease.get().holder().equals(state.holder())) {
            leases.delete(item.namespace(), item.lease());
        }
    }

    @Override
    public void markPending(ApplyState state, ApplyItem item, String message) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<ApplyLease> lease = leases.find(item.namespace(), item.lease());
            if (lease.isEmpty()) {
                throw new IllegalStateException("its Lease is gone, so mesh rollback --apply cannot find the snapshot; "
                        + "restore " + item.displayName() + " by hand");
            }
            ApplyLease l = lease.get();
            ApplyLease marked = new ApplyLease(l.namespace(), l.name(), l.holder(), l.build(), clock.instant(),
                    l.action(), l.kind(), l.objectName(), l.intendedHash(), l.snapshot(),
                    message == null ? "revert pending" : message, l.resourceVersion());
            if (leases.replace(marked, leaseDuration(state)).isPresent()) {
                return;
            }
        }
        throw new IllegalStateException("its Lease kept changing while being marked");
    }

    private Duration leaseDuration(ApplyState state) {
        return state.options().timeout().plus(state.options().watch()).plus(LEASE_MARGIN);
    }

    private static String who(ApplyState state) {
        return state.holder() + (state.build() == null ? "" : " (" + state.build() + ")");
    }

    private void record(Map<String, Object> object, String reason, String message) {
        if (audit != null) {
            audit.record(object, reason, message).ifPresent(warnings);
        }
    }
}
