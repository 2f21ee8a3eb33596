package io.jenkins.plugins.mesh.engine.rollout;

/**
 * The rollout's hands on one route. Implementations do the cluster I/O (with their own retries) and throw with a
 * message that says what to do when they give up. Every method is safe to repeat: a resumed rollout may call again
 * what a crashed one had already done.
 */
public interface RouteControl {

    /** Takes the route's lease and stores the snapshot of what will change; re-taking one's own lease is fine. */
    void acquire() throws Exception;

    /** Sets the canary to {@code weight} percent and the stable to the rest; returns the weight read back. */
    int setWeight(int weight) throws Exception;

    /**
     * Makes the route hold exactly the rollout's route changes {@code changes} (an A/B route, a mirror, sticky
     * sessions: adding those missing, taking away those no longer wanted) and the canary at {@code weight} percent;
     * returns the weight read back. Without changes it is {@link #setWeight}, for a route control that knows weights
     * only.
     */
    default int shift(int weight, java.util.List<io.jenkins.plugins.mesh.engine.traffic.RouteChange> changes)
            throws Exception {
        if (!changes.isEmpty()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " changes weights only, not "
                    + changes);
        }
        return setWeight(weight);
    }

    /** Sends all traffic to the canary and releases the route. */
    void promote() throws Exception;

    /** Keeps the current weights, marks the route as held, keeps the snapshot for a later rollback. */
    void hold() throws Exception;

    /** Puts the snapshot back, verifies it by reading it back, and releases the route. */
    void restore(String reason) throws Exception;

    /** Keeps the lease alive while the rollout waits; called at least once per analysis interval. */
    default void renew() throws Exception {
    }
}
