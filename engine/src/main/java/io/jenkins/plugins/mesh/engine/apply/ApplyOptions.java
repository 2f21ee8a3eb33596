package io.jenkins.plugins.mesh.engine.apply;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How an apply is watched and bounded.
 *
 * @param checks the health checks ({@code success-rate>=99}, {@code error-rate-vs-stable}, ...); empty: no watch
 * @param watch how long the services are watched after the change
 * @param interval how often they are analysed during the watch
 * @param timeout how long locking, writing and verifying may take before the apply reverts
 */
public record ApplyOptions(List<String> checks, Duration watch, Duration interval, Duration timeout) {

    /** Five minutes of watch, analysed every minute; ten minutes for the writes. */
    public static final ApplyOptions DEFAULT = new ApplyOptions(List.of(), Duration.ofMinutes(5),
            Duration.ofMinutes(1), Duration.ofMinutes(10));

    public ApplyOptions {
        checks = List.copyOf(checks);
        Objects.requireNonNull(watch, "watch");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        if (watch.isNegative() || interval.toMillis() < 1000 || timeout.toMillis() < 1000) {
            throw new IllegalArgumentException("need watch >= 0, interval >= 1s and timeout >= 1s; got " + watch
                    + ", " + interval + ", " + timeout);
        }
    }

    /** The same options with other checks. */
    public ApplyOptions withChecks(List<String> newChecks) {
        return new ApplyOptions(newChecks, watch, interval, timeout);
    }

    /** The same options with another watch. */
    public ApplyOptions withWatch(Duration newWatch) {
        return new ApplyOptions(checks, newWatch, interval, timeout);
    }
}
