package io.jenkins.plugins.mesh.engine.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a check evaluates against: where to read metrics, which versions to compare, over which window, and when.
 *
 * @param observer reads requests and latency per version
 * @param metrics runs custom queries; {@code null} when there is no query backend (e.g. the in-process simulator)
 * @param stable the version serving today
 * @param canary the version under test
 * @param window how far back from {@code at} the numbers reach
 * @param minRequests fewer requests than this (per version judged) make a check inconclusive
 * @param at the end of the window
 */
public record CheckContext(MeshObserver observer, MetricProvider metrics, VersionSelector stable,
        VersionSelector canary, Duration window, double minRequests, Instant at) {

    public CheckContext {
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(stable, "stable");
        Objects.requireNonNull(canary, "canary");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(at, "at");
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException("the analysis window must be at least 1 ms, got " + window);
        }
        if (!(minRequests >= 0) || Double.isInfinite(minRequests)) {
            throw new IllegalArgumentException("minimum requests must be a number >= 0, got " + minRequests);
        }
    }

    /** The window in seconds, fractional. */
    public double windowSeconds() {
        return window.toMillis() / 1000.0;
    }

    /**
     * Why {@code counts} are too few to judge {@code who} (e.g. "canary"), or empty when they are enough.
     *
     * @param needed the minimum for this check, at least {@link #minRequests()}
     */
    public Optional<String> tooFewRequests(String who, RequestCounts counts, double needed) {
        double minimum = Math.max(needed, minRequests);
        if (counts.total() >= minimum && counts.total() > 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%s served %s requests in %s, fewer than the %s "
                + "needed to judge", who, Numbers.count(counts.total()), PromQl.duration(window),
                Numbers.count(Math.ceil(minimum))));
    }

    /** The request and 5xx counts of a version as measurements, named after {@code who}. */
    public List<Measurement> countMeasurements(String who, VersionSelector version, RequestCounts counts) {
        return List.of(
                new Measurement(who + " requests", observer.describeRequests(version, window), counts.total()),
                new Measurement(who + " 5xx responses", observer.describeErrors(version, window), counts.errors()));
    }
}
