package io.jenkins.plugins.mesh.simulator;

import java.util.Arrays;

/**
 * The traffic one version served over some interval: requests, failed requests, the latency histogram over
 * {@link LatencyBuckets} (counts per bucket, not cumulative) and the sum of all latencies.
 */
public final class TrafficTotals {

    private final long requests;
    private final long errors;
    private final long[] buckets;
    private final double latencySumMillis;

    TrafficTotals(long requests, long errors, long[] buckets, double latencySumMillis) {
        this.requests = requests;
        this.errors = errors;
        this.buckets = buckets.clone();
        this.latencySumMillis = latencySumMillis;
    }

    public long requests() {
        return requests;
    }

    /** Requests answered with {@link VersionBehaviour#ERROR_CODE}. */
    public long errors() {
        return errors;
    }

    /** Requests per latency bucket (bucket {@code i} up to {@link LatencyBuckets#upperBound(int)}). */
    public long[] buckets() {
        return buckets.clone();
    }

    public double latencySumMillis() {
        return latencySumMillis;
    }

    /** The latency quantile as Prometheus' {@code histogram_quantile} computes it; NaN without requests. */
    public double latencyQuantile(double q) {
        return LatencyBuckets.quantile(q, buckets);
    }

    @Override
    public String toString() {
        return requests + " requests, " + errors + " errors, buckets " + Arrays.toString(buckets);
    }
}
