package io.jenkins.plugins.mesh.engine.apply;

/** How an apply ended; each has its exit code in {@code mesh apply}. */
public enum ApplyOutcome {
    /** Every change written, verified and, with checks, found healthy for the whole watch. Exit 0. */
    APPLIED(0),
    /** A check failed, a write failed, it was interrupted or ran past its deadline: every change put back. Exit 1. */
    REVERTED(1),
    /** Nothing was written (a lock was held, an object changed since the plan, a permission was missing). Exit 2. */
    NOT_STARTED(2),
    /** Some revert could not be completed: the Leases hold the snapshots; run {@code mesh rollback --apply}. Exit 3. */
    REVERT_PENDING(3);

    private final int exitCode;

    ApplyOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The exit code of {@code mesh apply} for this outcome. */
    public int exitCode() {
        return exitCode;
    }
}
