package io.jenkins.plugins.mesh.engine.rollout;

import io.jenkins.plugins.mesh.engine.traffic.RouteChange;
import java.time.Duration;
import java.util.List;

/**
 * One stretch of a rollout that is judged on its own: a mirror phase, an A/B phase, or a weighted step. Entering it
 * makes the route hold exactly {@code changes} (adding what is missing, taking away what an earlier stage added and
 * this one does not keep) and {@code weight}; its analysis is due {@code duration} later.
 *
 * @param kind what the stage is
 * @param weight the canary's weight on the managed route (0 in the mirror and A/B phases)
 * @param changes the route changes in force, at most one of each kind
 * @param duration from entering the stage to its analysis
 */
public record Stage(Kind kind, int weight, List<RouteChange> changes, Duration duration) {

    /** The kinds of stages, in the order a rollout runs them. */
    public enum Kind {
        MIRROR, MATCH, WEIGHT
    }

    public Stage {
        changes = List.copyOf(changes);
    }

    /** "mirror 10%", "A/B header:x-canary=true", "canary at 25%", for logs, the report and the build page. */
    public String label(CanaryPhases phases) {
        return switch (kind) {
            case MIRROR -> phases.mirror().label();
            case MATCH -> phases.match().label();
            case WEIGHT -> "canary at " + weight + "%";
        };
    }
}
