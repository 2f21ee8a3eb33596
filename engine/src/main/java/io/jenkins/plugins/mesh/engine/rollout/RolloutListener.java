package io.jenkins.plugins.mesh.engine.rollout;

/** Hears what a rollout does: to persist its state and to tell people. */
public interface RolloutListener {

    /** The state to persist before the next action runs; a resumed rollout starts from the last one. */
    default void onState(RolloutState state) {
    }

    /** A new line of the rollout's story. */
    default void onEvent(TimelineEvent event) {
    }

    RolloutListener NONE = new RolloutListener() {
    };
}
