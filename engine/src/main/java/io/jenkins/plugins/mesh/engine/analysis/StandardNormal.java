package io.jenkins.plugins.mesh.engine.analysis;

/**
 * The standard normal distribution: its CDF (from a Chebyshev fit of erfc, error below 1.2e-7) and its quantile
 * (by bisection on the CDF), enough for confidence levels between 0.5 and 0.999999.
 */
public final class StandardNormal {

    private StandardNormal() {
    }

    /** P(Z <= z). */
    public static double cdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /** The z with P(Z <= z) = {@code p}, for 0 < p < 1. */
    public static double quantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("a probability strictly between 0 and 1 is needed, got " + p);
        }
        double low = -40;
        double high = 40;
        for (int i = 0; i < 100 && high - low > 1e-12; i++) {
            double middle = (low + high) / 2;
            if (cdf(middle) < p) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return (low + high) / 2;
    }

    /** The complementary error function (Numerical Recipes' erfcc fit). */
    private static double erfc(double x) {
        double t = 1 / (1 + 0.5 * Math.abs(x));
        double poly = -x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277))))))));
        double value = t * Math.exp(poly);
        return x >= 0 ? value : 2 - value;
    }
}
