package io.jenkins.plugins.mesh.simulator;

/**
 * The last {@code capacity} seconds of one version's traffic, one slot per second, so that any window within them
 * is summed without keeping each request. Not thread-safe: the traffic model guards it.
 */
final class SecondRing {

    private final int capacity;
    private final int bucketCount;
    private final long[] secondOfSlot;
    private final int[] requests;
    private final int[] errors;
    private final int[] buckets;
    private final double[] latencySums;

    SecondRing(int capacity) {
        this.capacity = capacity;
        this.bucketCount = LatencyBuckets.count();
        this.secondOfSlot = new long[capacity];
        java.util.Arrays.fill(secondOfSlot, Long.MIN_VALUE);
        this.requests = new int[capacity];
        this.errors = new int[capacity];
        this.buckets = new int[capacity * bucketCount];
        this.latencySums = new double[capacity];
    }

    int capacity() {
        return capacity;
    }

    void record(long second, long requestCount, long errorCount, long[] bucketCounts, double latencySum) {
        int slot = (int) Math.floorMod(second, (long) capacity);
        secondOfSlot[slot] = second;
        requests[slot] = Math.toIntExact(requestCount);
        errors[slot] = Math.toIntExact(errorCount);
        for (int b = 0; b < bucketCount; b++) {
            buckets[slot * bucketCount + b] = Math.toIntExact(bucketCounts[b]);
        }
        latencySums[slot] = latencySum;
    }

    /** Sums the seconds in {@code [from, to)} that are still held; seconds never recorded count as no traffic. */
    TrafficTotals sum(long from, long to) {
        long requestTotal = 0;
        long errorTotal = 0;
        long[] bucketTotals = new long[bucketCount];
        double latencyTotal = 0;
        for (long second = Math.max(from, to - capacity); second < to; second++) {
            int slot = (int) Math.floorMod(second, (long) capacity);
            if (secondOfSlot[slot] != second) {
                continue;
            }
            requestTotal += requests[slot];
            errorTotal += errors[slot];
            for (int b = 0; b < bucketCount; b++) {
                bucketTotals[b] += buckets[slot * bucketCount + b];
            }
            latencyTotal += latencySums[slot];
        }
        return new TrafficTotals(requestTotal, errorTotal, bucketTotals, latencyTotal);
    }
}
