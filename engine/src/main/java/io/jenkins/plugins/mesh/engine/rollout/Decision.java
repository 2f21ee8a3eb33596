package io.jenkins.plugins.mesh.engine.rollout;

/**
 * The state machine's answer: the state to persist, then the action to perform.
 * Persist {@link #state()} before performing {@link #action()}, so a crash repeats the action, never skips it.
 */
public record Decision(RolloutState state, Action action) {
}
