package io.jenkins.plugins.mesh.engine.rollout;

import io.jenkins.plugins.mesh.engine.traffic.MatchRoute;
import java.time.Duration;
import java.util.Objects;

/**
 * The A/B phase of a rollout: requests that carry a header or cookie go to the canary, all others to the stable,
 * and the canary is judged by the matched requests' answers. Then the rollout ends (no weighted steps), or goes on to
 * the weighted steps with the A/B route kept (matched users stay on the canary) or taken away.
 *
 * @param match the conditions, any one of which sends a request to the canary
 * @param duration how long the phase lasts: its analysis looks at this whole span
 * @param keepDuringSteps whether the A/B route stays during the weighted steps that follow (ignored without them)
 */
public record MatchPhase(MatchRoute match, Duration duration, boolean keepDuringSteps) {

    public MatchPhase {
        Objects.requireNonNull(match, "match");
        CanaryPhases.requirePositive("the A/B phase", duration);
    }

    /** "A/B header:x-canary=exact:true". */
    public String label() {
        return "A/B " + match.conditions().stream().map(Object::toString)
                .collect(java.util.stream.Collectors.joining(" or "));
    }
}
