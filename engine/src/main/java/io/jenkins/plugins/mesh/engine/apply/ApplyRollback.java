package io.jenkins.plugins.mesh.engine.apply;

import java.util.ArrayList;
import java.util.List;

/**
 * Completes the reverts an apply left pending, or reverts a killed apply, from the snapshots in its Leases: what
 * {@code mesh rollback --apply} runs, from any machine. Each object is put back exactly (an update to its snapshot,
 * a create deleted, a delete recreated) and read back; one someone edited since keeps their edit. A Lease is
 * deleted once its object is settled, and kept (pending) when the revert failed.
 */
public final class ApplyRollback {

    /**
     * What became of one object.
     *
     * @param object {@code VirtualService shop/reviews}
     * @param lease the Lease it was found by, {@code namespace/name}
     * @param result REVERTED, UNTOUCHED, KEPT or REVERT_PENDING
     * @param message why it is pending or kept, or null
     */
    public record Result(String object, String lease, ItemStatus result, String message) {
    }

    private final ApplyLeases leases;
    private final ObjectReverter reverter;

    public ApplyRollback(ObjectStore store, ApplyLeases leases) {
        this.leases = leases;
        this.reverter = new ObjectReverter(store);
    }

    /** The apply Leases in {@code namespaceOrNull} (all namespaces when null), optionally only {@code holder}'s. */
    public List<ApplyLease> pending(String namespaceOrNull, String holderOrNull) {
        return leases.list(namespaceOrNull).stream()
                .filter(l -> holderOrNull == null || holderOrNull.equals(l.holder())).toList();
    }

    /** Reverts every object of {@link #pending}, newest Lease first. */
    public List<Result> revertAll(String namespaceOrNull, String holderOrNull) {
        List<ApplyLease> found = new ArrayList<>(pending(namespaceOrNull, holderOrNull));
        found.sort(java.util.Comparator.comparing(ApplyLease::renewed).reversed());
        List<Result> results = new ArrayList<>();
        for (ApplyLease lease : found) {
            results.add(revert(lease));
        }
        return results;
    }

    /** Reverts the object of one Lease and releases it when settled. */
    public Result revert(ApplyLease lease) {
        String where = lease.namespace() + "/" + lease.name();
        try {
            ItemStatus result = reverter.revert(lease.action(), lease.kind(), lease.namespace(), lease.objectName(),
                    lease.intendedHash(), lease.snapshot());
            leases.delete(lease.namespace(), lease.name());
            return new Result(lease.objectDisplayName(), where, result, result == ItemStatus.KEPT
                    ? "changed by someone else after the apply; their edit is kept" : null);
        } catch (RuntimeException e) {
            return new Result(lease.objectDisplayName(), where, ItemStatus.REVERT_PENDING, ApplyDriver.messageOf(e));
        }
    }
}
