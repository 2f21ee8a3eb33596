package io.jenkins.plugins.mesh.engine.rollout;

import java.time.Instant;

/**
 * One line of a rollout's story, for the log, the report and the build page.
 *
 * @param at when it happened
 * @param type what happened
 * @param weight the canary weight at that moment
 * @param message a sentence for people
 */
public record TimelineEvent(Instant at, Type type, int weight, String message) {

    /** The kinds of events. */
    public enum Type {
        PREFLIGHT, STARTED, WEIGHT_SET, ANALYSIS, ABORT_REQUESTED, ERROR, PROMOTED, HELD, RESTORE_STARTED, RESTORED,
        RESTORE_FAILED, FINISHED
    }
}
