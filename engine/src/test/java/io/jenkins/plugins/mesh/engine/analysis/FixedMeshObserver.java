package io.jenkins.plugins.mesh.engine.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** A mesh whose numbers the test sets; counts how often it was asked. Unset versions have no traffic. */
final class FixedMeshObserver implements MeshObserver {

    private final Map<VersionSelector, RequestCounts> counts = new HashMap<>();
    private final Map<VersionSelector, Map<Double, Double>> latencies = new HashMap<>();
    private final Map<VersionSelector, Map<Double, Double>> above = new HashMap<>();
    private final Map<VersionSelector, Map<Double, Double>> below = new HashMap<>();
    private MetricException failure;
    int requestQueries;
    int latencyQueries;

    FixedMeshObserver counts(VersionSelector version, double total, double errors) {
        counts.put(version, new RequestCounts(total, errors));
        return this;
    }

    /** A latency; NaN or an infinity stands for what a real backend reports as "no finite value" (empty). */
    FixedMeshObserver latency(VersionSelector version, double quantile, double millis) {
        latencies.computeIfAbsent(version, v -> new HashMap<>()).put(quantile, millis);
        return this;
    }

    /** The latency at any quantile above {@code quantile} (for confidence bounds of a percentile). */
    FixedMeshObserver latencyAbove(VersionSelector version, double quantile, double millis) {
        above.computeIfAbsent(version, v -> new HashMap<>()).put(quantile, millis);
        return this;
    }

    /** The latency at any quantile below {@code quantile}. */
    FixedMeshObserver latencyBelow(VersionSelector version, double quantile, double millis) {
        below.computeIfAbsent(version, v -> new HashMap<>()).put(quantile, millis);
        return this;
    }

    FixedMeshObserver failing(MetricException error) {
        this.failure = error;
        return this;
    }

    @Override
    public RequestCounts requests(VersionSelector version, Duration window, Instant at) throws MetricException {
        requestQueries++;
        if (failure != null) {
            throw failure;
        }
        return counts.getOrDefault(version, RequestCounts.NONE);
    }

    @Override
    public OptionalDouble latencyMillis(VersionSelector version, double quantile, Duration window, Instant at)
            throws MetricException {
        latencyQueries++;
        if (failure != null) {
            throw failure;
        }
        Double millis = latencies.getOrDefault(version, Map.of()).get(quantile);
        if (millis == null) {
            millis = nearest(above.get(version), quantile, true);
        }
        if (millis == null) {
            millis = nearest(below.get(version), quantile, false);
        }
        return millis == null || !Double.isFinite(millis) ? OptionalDouble.empty() : OptionalDouble.of(millis);
    }

    private static Double nearest(Map<Double, Double> values, double quantile, boolean wantAbove) {
        if (values == null) {
            return null;
        }
        for (Map.Entry<Double, Double> entry : values.entrySet()) {
            if (wantAbove ? quantile > entry.getKey() : quantile < entry.getKey()) {
                return entry.getValue();
            }
        }
        return null;
    }
}
