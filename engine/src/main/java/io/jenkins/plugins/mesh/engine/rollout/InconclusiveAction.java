package io.jenkins.plugins.mesh.engine.rollout;

/** What a rollout does with the routes when its analyses could not judge the canary (outcome INCONCLUSIVE). */
public enum InconclusiveAction {
    /** Put the routes back as they were before the rollout, as after a failed check. */
    RESTORE,
    /** Keep the weights of the step that could not be judged, with the snapshot kept for a later rollback. */
    HOLD;

    /** Parses {@code restore} or {@code hold}, in any case. */
    public static InconclusiveAction parse(String text) {
        for (InconclusiveAction action : values()) {
            if (action.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return action;
            }
        }
        throw new IllegalArgumentException("on-inconclusive must be 'restore' or 'hold', got '" + text + "'");
    }
}
