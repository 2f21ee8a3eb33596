package io.jenkins.plugins.mesh.simulator;

import java.util.Arrays;

/**
 * Istio's default buckets of {@code istio_request_duration_milliseconds}, and the two computations on them the
 * simulator needs: the share of a latency distribution falling in each bucket (exact, from its cumulative
 * distribution), and a quantile read back from bucket counts exactly as Prometheus' {@code histogram_quantile} does.
 */
public final class LatencyBuckets {

    private static final double[] UPPER_BOUNDS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000,
        30000, 60000, 300000, 600000, 1800000, 3600000, Double.POSITIVE_INFINITY};

    private LatencyBuckets() {
    }

    /** The number of buckets, the last one being {@code +Inf}. */
    public static int count() {
        return UPPER_BOUNDS.length;
    }

    /** The upper bound ({@code le}) of bucket {@code i}, in milliseconds; {@code +Inf} for the last. */
    public static double upperBound(int i) {
        return UPPER_BOUNDS[i];
    }

    /** The {@code le} label of bucket {@code i} as Prometheus prints it. */
    static String le(int i) {
        double bound = UPPER_BOUNDS[i];
        return bound == Double.POSITIVE_INFINITY ? "+Inf" : Long.toString((long) bound);
    }

    /** The probability of a request of {@code latency} falling in each bucket (not cumulative); sums to 1. */
    static double[] probabilities(LatencyDistribution latency) {
        double[] probabilities = new double[UPPER_BOUNDS.length];
        double below = 0;
        for (int i = 0; i < UPPER_BOUNDS.length; i++) {
            double cdf = latency.cdf(UPPER_BOUNDS[i]);
            probabilities[i] = Math.max(0, cdf - below);
            below = cdf;
        }
        return probabilities;
    }

    /** The mean latency of the requests that fall in each bucket (0 where a bucket cannot be reached). */
    static double[] conditionalMeans(LatencyDistribution latency, double[] probabilities) {
        double[] means = new double[UPPER_BOUNDS.length];
        double lower = 0;
        for (int i = 0; i < UPPER_BOUNDS.length; i++) {
            if (probabilities[i] > 0) {
                double mean = latency.partialMean(lower, UPPER_BOUNDS[i]) / probabilities[i];
                // rounding can push the mean of a far-tail bucket outside it; keep it inside
                double upper = Math.min(UPPER_BOUNDS[i], Double.MAX_VALUE);
                means[i] = Math.max(lower, Math.min(upper, mean));
            }
            lower = UPPER_BOUNDS[i];
        }
        return means;
    }

    /**
     * The {@code q} quantile estimated from per-bucket counts (not cumulative) the way Prometheus'
     * {@code histogram_quantile} does: find the bucket holding rank {@code q * total} and interpolate linearly
     * between its bounds (0 for the first bucket); a rank in the {@code +Inf} bucket yields the highest finite bound.
     *
     * @return the estimate in milliseconds, or NaN when the counts are all zero
     */
    public static double quantile(double q, long[] counts) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must be between 0 and 1, got " + q);
        }
        if (counts.length != UPPER_BOUNDS.length) {
            throw new IllegalArgumentException("expected " + UPPER_BOUNDS.length + " bucket counts, got "
                    + counts.length);
        }
        long total = Arrays.stream(counts).sum();
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        long cumulative = 0;
        int bucket = 0;
        for (; bucket < counts.length - 1; bucket++) {
            if (cumulative + counts[bucket] >= rank) {
                break;
            }
            cumulative += counts[bucket];
        }
        if (bucket == counts.length - 1) {
            return UPPER_BOUNDS[counts.length - 2];
        }
        double start = bucket == 0 ? 0 : UPPER_BOUNDS[bucket - 1];
        double end = UPPER_BOUNDS[bucket];
        return start + (end - start) * ((rank - cumulative) / counts[bucket]);
    }
}
