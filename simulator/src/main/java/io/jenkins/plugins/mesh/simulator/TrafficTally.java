package io.jenkins.plugins.mesh.simulator;

/** What one version got since the model started, added to second by second. Not thread-safe: the model guards it. */
final class TrafficTally {

    private long requests;
    private long errors;
    private final long[] buckets = new long[LatencyBuckets.count()];
    private double latencySum;

    void add(long requestCount, long errorCount, long[] bucketCounts, double latencyTotal) {
        requests += requestCount;
        errors += errorCount;
        for (int b = 0; b < buckets.length; b++) {
            buckets[b] += bucketCounts[b];
        }
        latencySum += latencyTotal;
    }

    TrafficTotals totals() {
        return new TrafficTotals(requests, errors, buckets, latencySum);
    }
}
