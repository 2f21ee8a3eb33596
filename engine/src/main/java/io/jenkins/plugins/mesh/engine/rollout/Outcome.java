package io.jenkins.plugins.mesh.engine.rollout;

/** How a rollout ended. */
public enum Outcome {
    /** Every step passed; all traffic now goes to the canary. */
    PROMOTED(0),
    /** Every step passed; the last step's weights are kept for a person to promote or roll back. */
    HELD(0),
    /** A check failed (or the deadline passed, or an error occurred); the routes were restored and verified. */
    ROLLED_BACK(1),
    /** The caller cancelled; the routes were restored and verified. */
    ABORTED(1),
    /** The rollout could not start (route locked, invalid target): nothing was written. */
    NOT_STARTED(2),
    /** The routes could not be restored; the lease keeps the snapshot and `mesh rollback` completes it. */
    RESTORE_PENDING(3),
    /**
     * The analyses could not judge the canary (too little traffic, or no metrics): nothing is known against it, nor
     * for it. The routes were restored, or held at the last step's weights when asked.
     */
    INCONCLUSIVE(4);

    private final int exitCode;

    Outcome(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The exit code of `mesh canary` for this outcome. */
    public int exitCode() {
        return exitCode;
    }

    /** Whether the pipeline stage should succeed. */
    public boolean isSuccess() {
        return this == PROMOTED || this == HELD;
    }
}
