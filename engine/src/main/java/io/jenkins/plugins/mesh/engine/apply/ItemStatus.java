package io.jenkins.plugins.mesh.engine.apply;

/** How far one object of an apply got. */
public enum ItemStatus {
    /** Not touched yet. */
    PLANNED,
    /** Its Lease is being taken (the create may have landed without an answer). */
    LOCKING,
    /** Its Lease, holding the snapshot, is ours. */
    LOCKED,
    /** The write was sent; whether it landed is found by reading. */
    WRITING,
    /** The write landed. */
    WRITTEN,
    /** Read back and found as written. */
    VERIFIED,
    /** Put back exactly as its snapshot, verified. */
    REVERTED,
    /** Reverting found the write had never landed: the object is as it was. */
    UNTOUCHED,
    /** Someone changed it after our write: their newer edit is kept, never overwritten. */
    KEPT,
    /** The revert could not be completed; the Lease holds the snapshot and a pending mark for mesh rollback. */
    REVERT_PENDING;

    /** Whether the object may hold our write, so a revert must look at it. */
    public boolean mayHoldWrite() {
        return this == WRITING || this == WRITTEN || this == VERIFIED;
    }

    /** Whether a Lease may exist for it. */
    public boolean mayHoldLease() {
        return this != PLANNED;
    }
}
