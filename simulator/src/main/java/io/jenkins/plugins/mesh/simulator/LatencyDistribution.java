package io.jenkins.plugins.mesh.simulator;

import io.jenkins.plugins.mesh.engine.analysis.StandardNormal;
import java.util.Random;

/**
 * Request latency of one simulated version: a log-normal distribution fixed by its median and its 99th
 * percentile, the two figures people read off a dashboard. Log-normal has the long right tail real services show.
 */
public final class LatencyDistribution {

    /** The standard normal quantile at 0.99. */
    private static final double Z_99 = 2.3263478740408408;

    private final double p50Millis;
    private final double p99Millis;
    private final double mu;
    private final double sigma;

    private LatencyDistribution(double p50Millis, double p99Millis) {
        if (!(p50Millis > 0) || !(p99Millis >= p50Millis) || Double.isInfinite(p99Millis)) {
            throw new IllegalArgumentException("latency needs 0 < p50 <= p99, got p50=" + p50Millis
                    + " ms, p99=" + p99Millis + " ms");
        }
        this.p50Millis = p50Millis;
        this.p99Millis = p99Millis;
        this.mu = Math.log(p50Millis);
        this.sigma = Math.log(p99Millis / p50Millis) / Z_99;
    }

    /** A distribution with the given median and 99th percentile, in milliseconds. */
    public static LatencyDistribution of(double p50Millis, double p99Millis) {
        return new LatencyDistribution(p50Millis, p99Millis);
    }

    /** The same shape with every latency multiplied by {@code factor} (a latency regression of x{@code factor}). */
    public LatencyDistribution times(double factor) {
        return new LatencyDistribution(p50Millis * factor, p99Millis * factor);
    }

    /** One request's latency in milliseconds, drawn from {@code random} (seeded by the caller). */
    public double sample(Random random) {
        return Math.exp(mu + sigma * random.nextGaussian());
    }

    /** The exact quantile {@code q} (0 &lt; q &lt; 1) of this distribution, in milliseconds. */
    public double quantile(double q) {
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("quantile must be between 0 and 1, got " + q);
        }
        return Math.exp(mu + sigma * StandardNormal.quantile(q));
    }

    /** {@code P(latency <= millis)}: the exact cumulative distribution, 0 for {@code millis <= 0}. */
    public double cdf(double millis) {
        if (Double.isNaN(millis)) {
            throw new IllegalArgumentException("latency must be a number");
        }
        if (millis <= 0) {
            return 0;
        }
        if (millis == Double.POSITIVE_INFINITY) {
            return 1;
        }
        if (sigma == 0) {
            return millis >= p50Millis ? 1 : 0;
        }
        return StandardNormal.cdf((Math.log(millis) - mu) / sigma);
    }

    /**
     * {@code E[latency; lower < latency <= upper]}: the expected latency of a request counted only when it falls in
     * the interval, so that {@code n * partialMean(a, b) / P(a < latency <= b)} is the expected sum of {@code n}
     * latencies drawn inside it. Histogram sums use it instead of drawing each request.
     */
    public double partialMean(double lower, double upper) {
        if (!(upper > lower)) {
            return 0;
        }
        if (sigma == 0) {
            return p50Millis > lower && p50Millis <= upper ? p50Millis : 0;
        }
        double mean = Math.exp(mu + sigma * sigma / 2);
        return mean * (shiftedCdf(upper) - shiftedCdf(lower));
    }

    /** The cumulative distribution of the size-biased log-normal (mu + sigma^2, sigma). */
    private double shiftedCdf(double millis) {
        if (millis <= 0) {
            return 0;
        }
        if (millis == Double.POSITIVE_INFINITY) {
            return 1;
        }
        return StandardNormal.cdf((Math.log(millis) - mu - sigma * sigma) / sigma);
    }

    public double p50Millis() {
        return p50Millis;
    }

    public double p99Millis() {
        return p99Millis;
    }

    @Override
    public String toString() {
        return "latency p50=" + p50Millis + "ms p99=" + p99Millis + "ms";
    }
}
