package io.jenkins.plugins.mesh.engine.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * What the built-in checks need to know about one version's traffic, whatever the metric backend. Prometheus
 * answers it with query templates over Istio's standard metrics; the simulator answers it from its own records.
 * (Flagger keeps the same split: observers per mesh, providers per backend.)
 */
public interface MeshObserver {

    /**
     * Requests and 5xx errors of {@code version} over {@code window} ending at {@code at}.
     * No traffic is {@link RequestCounts#NONE}, never an exception.
     */
    RequestCounts requests(VersionSelector version, Duration window, Instant at) throws MetricException;

    /**
     * The {@code quantile} (e.g. 0.99) of request latency of {@code version} over {@code window} ending at
     * {@code at}, in milliseconds; empty when there was no traffic or the value is not a finite number.
     */
    OptionalDouble latencyMillis(VersionSelector version, double quantile, Duration window, Instant at)
            throws MetricException;

    /**
     * How many of {@code version}'s requests over {@code window} ending at {@code at} were slower than the largest
     * bucket edge of the latency histogram at or below {@code millis} (the smallest edge when all lie above). The
     * sequential latency comparison counts these; a source that cannot answer throws.
     */
    default TailCounts slowerThan(VersionSelector version, double millis, Duration window, Instant at)
            throws MetricException {
        throw new MetricException(this + " cannot count requests slower than a latency; use the fixed analysis");
    }

    /**
     * The version's current request rate, per second, from its recent traffic within {@code window} (what a
     * pre-flight reads before the canary exists). By default its request count over the window divided by the
     * window; a Prometheus reads the last two scrapes ({@code irate}), which is right even when it has scraped the
     * service for less than the window.
     */
    default double requestRate(VersionSelector version, Duration window, Instant at) throws MetricException {
        return requests(version, window, at).total() / Math.max(1, window.toSeconds());
    }

    /**
     * What {@link #requests} reads for the total, for reports: the query text for a query backend, a description
     * otherwise.
     */
    default String describeRequests(VersionSelector version, Duration window) {
        return "requests of " + version + " over " + PromQl.duration(window);
    }

    /** What {@link #requests} reads for the 5xx errors, for reports. */
    default String describeErrors(VersionSelector version, Duration window) {
        return "5xx responses of " + version + " over " + PromQl.duration(window);
    }

    /** What {@link #latencyMillis} reads, for reports. */
    default String describeLatency(VersionSelector version, double quantile, Duration window) {
        return "latency quantile " + quantile + " of " + version + " over " + PromQl.duration(window);
    }
}
