package io.jenkins.plugins.mesh.engine.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A stretch of time during which the canary held one weight: a sequential comparison reads each stretch's counts on
 * their own, since the canary's share of requests differs from one to the next.
 *
 * @param from the stretch's start
 * @param to its end, after {@code from}
 */
public record TrafficSegment(Instant from, Instant to) {

    public TrafficSegment {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("a traffic segment must end after it starts: " + from + " .. " + to);
        }
    }

    public Duration duration() {
        return Duration.between(from, to);
    }
}
