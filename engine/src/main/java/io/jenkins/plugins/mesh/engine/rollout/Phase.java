package io.jenkins.plugins.mesh.engine.rollout;

/** Where a rollout stands. Each phase but {@link #DONE} has one action that resuming repeats safely. */
public enum Phase {
    /** Nothing written yet: take the lease and store the snapshot. */
    STARTING,
    /** Set the current step's weight (idempotent: the route is read first, written only if it differs). */
    SHIFTING,
    /** Wait until the next analysis is due. */
    WAITING,
    /** Query the metrics for the current step (read-only). */
    ANALYSING,
    /** Send all traffic to the canary. */
    PROMOTING,
    /** Keep the last weights and mark the route as held. */
    HOLDING,
    /** Put the snapshot back and verify it. */
    RESTORING,
    /** Finished: see the outcome. */
    DONE;

    public boolean isTerminal() {
        return this == DONE;
    }
}
