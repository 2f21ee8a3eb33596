package io.jenkins.plugins.mesh.engine.apply;

/** The state machine's answer: the new state (persist it before acting) and the action to perform. */
public record ApplyDecision(ApplyState state, ApplyAction action) {
}
