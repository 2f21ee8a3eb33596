package io.jenkins.plugins.mesh.engine.rollout;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.jenkins.plugins.mesh.engine.traffic.StickySessions;
import java.time.Duration;

/**
 * What a rollout does beyond weights, each optional and all combinable: a mirror phase first (the canary answers
 * copies nobody waits for), then an A/B phase (matched requests go to the canary), then the weighted steps, with
 * sticky sessions during them. Each phase is judged like a step; restore takes away exactly what each phase added.
 *
 * @param mirror the mirror phase, or null
 * @param match the A/B phase, or null
 * @param sticky sticky sessions during the weighted steps, or null
 */
public record CanaryPhases(MirrorPhase mirror, MatchPhase match, StickySessions sticky) {

    /** A rollout of weights only. */
    public static final CanaryPhases NONE = new CanaryPhases(null, null, null);

    /** Whether the rollout has a phase before its weighted steps (a mirror or an A/B phase). */
    @JsonIgnore
    public boolean hasPhaseBeforeSteps() {
        return mirror != null || match != null;
    }

    /** Whether nothing but weights changes. */
    @JsonIgnore
    public boolean isNone() {
        return mirror == null && match == null && sticky == null;
    }

    public CanaryPhases withMirror(MirrorPhase phase) {
        return new CanaryPhases(phase, match, sticky);
    }

    public CanaryPhases withMatch(MatchPhase phase) {
        return new CanaryPhases(mirror, phase, sticky);
    }

    public CanaryPhases withSticky(StickySessions sessions) {
        return new CanaryPhases(mirror, match, sessions);
    }

    static void requirePositive(String what, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " needs a positive duration, got " + duration);
        }
    }
}
