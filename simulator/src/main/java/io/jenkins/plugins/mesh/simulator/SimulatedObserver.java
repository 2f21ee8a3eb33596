package io.jenkins.plugins.mesh.simulator;

import io.jenkins.plugins.mesh.engine.analysis.MeshObserver;
import io.jenkins.plugins.mesh.engine.analysis.MetricException;
import io.jenkins.plugins.mesh.engine.analysis.Reporter;
import io.jenkins.plugins.mesh.engine.analysis.RequestCounts;
import io.jenkins.plugins.mesh.engine.analysis.TailCounts;
import io.jenkins.plugins.mesh.engine.analysis.VersionSelector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Answers health checks from a traffic model's own per-second records, at simulated time, with no Prometheus: the
 * in-process metric source for demos, tests and benchmarks. A window ending at {@code at} holds the whole seconds
 * in {@code [at - window, at)}; latency quantiles come from the histogram buckets the way Prometheus'
 * {@code histogram_quantile} reads them, so both sources agree. The model must have been ticked up to {@code at};
 * seconds it has not generated count as no traffic. Like Istio's metrics, the destination's reports hold the
 * mirrored copies a version answered as well as the requests it served; the source's reports only the latter.
 */
public final class SimulatedObserver implements MeshObserver {

    private final TrafficModel model;
    private final Reporter reporter;

    /** Reads the destination's reports, as the checks do with sidecars. */
    public SimulatedObserver(TrafficModel model) {
        this(model, Reporter.DESTINATION);
    }

    /** Reads {@code reporter}'s reports: the destination's (and waypoint's) hold mirrored copies, the source's not. */
    public SimulatedObserver(TrafficModel model, Reporter reporter) {
        this.model = Objects.requireNonNull(model, "model");
        this.reporter = Objects.requireNonNull(reporter, "reporter");
    }

    @Override
    public RequestCounts requests(VersionSelector version, Duration window, Instant at) throws MetricException {
        TrafficTotals totals = totals(version, window, at);
        return totals.requests() == 0 ? RequestCounts.NONE : new RequestCounts(totals.requests(), totals.errors());
    }

    @Override
    public OptionalDouble latencyMillis(VersionSelector version, double quantile, Duration window, Instant at)
            throws MetricException {
        if (!(quantile > 0 && quantile < 1)) {
            throw new IllegalArgumentException("quantile must be between 0 and 1 (0.99 = p99), got " + quantile);
        }
        double value = totals(version, window, at).latencyQuantile(quantile);
        return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
    }

    @Override
    public TailCounts slowerThan(VersionSelector version, double millis, Duration window, Instant at)
            throws MetricException {
        TrafficTotals totals = totals(version, window, at);
        long[] buckets = totals.buckets();
        int edge = 0;
        for (int b = 0; b < buckets.length - 1; b++) {
            if (LatencyBuckets.upperBound(b) <= millis) {
                edge = b;
            }
        }
        long atOrBelow = 0;
        for (int b = 0; b <= edge; b++) {
            atOrBelow += buckets[b];
        }
        return new TailCounts(LatencyBuckets.upperBound(edge), totals.requests(), totals.requests() - atOrBelow);
    }

    private TrafficTotals totals(VersionSelector selector, Duration window, Instant at) throws MetricException {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, got " + window);
        }
        List<MeshVersion> matching = matching(selector);
        long requests = 0;
        long errors = 0;
        long[] buckets = new long[LatencyBuckets.count()];
        double sum = 0;
        for (MeshVersion version : matching) {
            List<TrafficTotals> parts = new ArrayList<>();
            try {
                parts.add(model.totals(version, at.minus(window), at));
                if (reporter != Reporter.SOURCE) {
                    parts.add(model.mirroredTotals(version, at.minus(window), at));
                }
            } catch (IllegalArgumentException e) {
                throw new MetricException("cannot answer for " + selector + " over " + window + ": " + e.getMessage(),
                        e);
            }
            for (TrafficTotals totals : parts) {
                requests += totals.requests();
                errors += totals.errors();
                long[] counts = totals.buckets();
                for (int b = 0; b < buckets.length; b++) {
                    buckets[b] += counts[b];
                }
                sum += totals.latencySumMillis();
            }
        }
        return new TrafficTotals(requests, errors, buckets, sum);
    }

    /** The model's versions the selector picks, as the same label matchers would in Prometheus. */
    private List<MeshVersion> matching(VersionSelector selector) {
        List<MeshVersion> matching = new ArrayList<>();
        if (!selector.namespace().equals(model.namespace())) {
            return matching;
        }
        for (MeshVersion version : model.versions()) {
            boolean matches = switch (selector.label()) {
                case DESTINATION_VERSION, DESTINATION_CANONICAL_REVISION ->
                        version.service().equals(selector.service()) && version.version().equals(selector.version());
                case DESTINATION_WORKLOAD ->
                        version.service().equals(selector.service()) && version.workload().equals(selector.version());
                case DESTINATION_SERVICE_NAME -> version.service().equals(selector.version());
            };
            if (matches) {
                matching.add(version);
            }
        }
        return matching;
    }
}
