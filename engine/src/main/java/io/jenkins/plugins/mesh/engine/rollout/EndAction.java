package io.jenkins.plugins.mesh.engine.rollout;

/** What a canary that passed every step does at the end. */
public enum EndAction {
    /** Send all traffic to the canary (stable at 0) and release the route. */
    PROMOTE,
    /** Keep the last step's weights for a person to decide; the snapshot stays so a rollback still works. */
    HOLD
}
