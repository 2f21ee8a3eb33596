package io.jenkins.plugins.mesh.engine.kube;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Bounded exponential backoff with jitter: attempt {@code n} waits {@code min(max, initial * 2^(n-1))}, of which the
 * {@code jitter} share is random, so that many clients retrying the same API server do not retry in step.
 *
 * @param maxAttempts how many times a call is tried in all (at least 1)
 * @param initial the wait after the first failure
 * @param max the longest wait
 * @param jitter share of each wait that is random, 0..1
 */
public record Backoff(int maxAttempts, Duration initial, Duration max, double jitter) {

    /** Five attempts, 0.2 s doubling up to 5 s, half of it random: about 3 s at most in all. */
    public static final Backoff DEFAULT = new Backoff(5, Duration.ofMillis(200), Duration.ofSeconds(5), 0.5);

    public Backoff {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 <= initial <= max, was " + initial + " and " + max);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be within 0..1, was " + jitter);
        }
    }

    /** The wait after failed attempt {@code attempt} (1-based). */
    public Duration delay(int attempt, RandomGenerator random) {
        long cap = max.toMillis();
        long exponential = initial.toMillis() << Math.min(attempt - 1, 30);
        long base = exponential < 0 ? cap : Math.min(cap, exponential);
        long fixed = Math.round(base * (1 - jitter));
        long randomPart = base - fixed;
        return Duration.ofMillis(fixed + (randomPart > 0 ? random.nextLong(randomPart + 1) : 0));
    }
}
