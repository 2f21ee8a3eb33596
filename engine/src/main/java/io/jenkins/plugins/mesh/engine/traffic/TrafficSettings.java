package io.jenkins.plugins.mesh.engine.traffic;

import io.jenkins.plugins.mesh.engine.kube.Backoff;
import io.jenkins.plugins.mesh.engine.kube.Sleeper;
import java.time.Duration;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * How the {@link TrafficController} behaves under faults and contention.
 *
 * @param leaseDuration how long a lease stays valid without renewal; a holder must renew well within it
 * @param backoff retries of failing API calls
 * @param sleeper waits between retries (tests inject one that does not sleep)
 * @param random jitter source
 * @param conflictRetries how often a write re-reads and re-applies after a 409 when the managed fields are unchanged
 */
public record TrafficSettings(Duration leaseDuration, Backoff backoff, Sleeper sleeper, RandomGenerator random,
        int conflictRetries) {

    public TrafficSettings {
        if (leaseDuration.toSeconds() < 1) {
            throw new IllegalArgumentException("the lease duration must be at least one second");
        }
        if (conflictRetries < 0) {
            throw new IllegalArgumentException("conflictRetries must be >= 0");
        }
    }

    /** Lease of 5 minutes, {@link Backoff#DEFAULT}, real sleeps, 5 re-reads on conflict. */
    public static TrafficSettings defaults() {
        return new TrafficSettings(Duration.ofMinutes(5), Backoff.DEFAULT, Sleeper.REAL, new Random(), 5);
    }
}
