package io.jenkins.plugins.mesh.engine.analysis;

/**
 * Requests of each version over one stretch of constant canary weight, and how many of them were events: 5xx
 * answers for the error comparison, answers slower than a latency edge for the latency comparison. Doubles, as
 * Prometheus' {@code increase()} extrapolates.
 *
 * @param canaryRequests the canary's requests, {@code >= 0}
 * @param canaryEvents of those, the events
 * @param stableRequests the stable's requests, {@code >= 0}
 * @param stableEvents of those, the events
 */
public record EventCounts(double canaryRequests, double canaryEvents, double stableRequests, double stableEvents) {

    public EventCounts {
        requireCount("canary requests", canaryRequests);
        requireCount("stable requests", stableRequests);
        requireCount("canary events", canaryEvents);
        requireCount("stable events", stableEvents);
    }

    /** The counts of two stretches together. */
    public EventCounts plus(EventCounts other) {
        return new EventCounts(canaryRequests + other.canaryRequests, canaryEvents + other.canaryEvents,
                stableRequests + other.stableRequests, stableEvents + other.stableEvents);
    }

    /** The canary's share of requests that were events; NaN without requests. */
    public double canaryShare() {
        return canaryRequests == 0 ? Double.NaN : canaryEvents / canaryRequests;
    }

    /** The stable's share of requests that were events; NaN without requests. */
    public double stableShare() {
        return stableRequests == 0 ? Double.NaN : stableEvents / stableRequests;
    }

    private static void requireCount(String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number >= 0, got " + value);
        }
    }
}
