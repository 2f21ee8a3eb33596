package io.jenkins.plugins.mesh.engine.rollout;

import io.jenkins.plugins.mesh.engine.traffic.CanaryMirror;
import java.time.Duration;
import java.util.Objects;

/**
 * The first phase of a rollout that mirrors: a share of the stable's requests is copied to the canary, whose answers
 * nobody waits for, and the canary is judged by those answers (its destination-side metrics) before it serves anyone.
 *
 * @param mirror the share copied
 * @param duration how long the phase lasts: its analysis looks at this whole span
 */
public record MirrorPhase(CanaryMirror mirror, Duration duration) {

    public MirrorPhase {
        Objects.requireNonNull(mirror, "mirror");
        CanaryPhases.requirePositive("the mirror phase", duration);
    }

    /** "mirror 10%". */
    public String label() {
        return "mirror " + mirror.percentText() + "%";
    }
}
