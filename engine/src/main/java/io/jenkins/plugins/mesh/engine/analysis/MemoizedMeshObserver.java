package io.jenkins.plugins.mesh.engine.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Answers each distinct question once during one step's evaluation, so checks that read the same counts (success
 * rate, latency, baseline) cost one query each and judge the same numbers. Lives for one evaluation only.
 */
final class MemoizedMeshObserver implements MeshObserver {

    private final MeshObserver delegate;
    private final Map<List<Object>, RequestCounts> requests = new HashMap<>();
    private final Map<List<Object>, OptionalDouble> latencies = new HashMap<>();

    MemoizedMeshObserver(MeshObserver delegate) {
        this.delegate = delegate;
    }

    @Override
    public RequestCounts requests(VersionSelector version, Duration window, Instant at) throws MetricException {
        List<Object> key = List.of(version, window, at);
        RequestCounts counts = requests.get(key);
        if (counts == null) {
            counts = delegate.requests(version, window, at);
            requests.put(key, counts);
        }
        return counts;
    }

    @Override
    public OptionalDouble latencyMillis(VersionSelector version, double quantile, Duration window, Instant at)
            throws MetricException {
        List<Object> key = List.of(version, quantile, window, at);
        OptionalDouble latency = latencies.get(key);
        if (latency == null) {
            latency = delegate.latencyMillis(version, quantile, window, at);
            latencies.put(key, latency);
        }
        return latency;
    }

    @Override
    public TailCounts slowerThan(VersionSelector version, double millis, Duration window, Instant at)
            throws MetricException {
        return delegate.slowerThan(version, millis, window, at);
    }

    @Override
    public double requestRate(VersionSelector version, Duration window, Instant at) throws MetricException {
        return delegate.requestRate(version, window, at);
    }

    @Override
    public String describeRequests(VersionSelector version, Duration window) {
        return delegate.describeRequests(version, window);
    }

    @Override
    public String describeErrors(VersionSelector version, Duration window) {
        return delegate.describeErrors(version, window);
    }

    @Override
    public String describeLatency(VersionSelector version, double quantile, Duration window) {
        return delegate.describeLatency(version, quantile, window);
    }
}
