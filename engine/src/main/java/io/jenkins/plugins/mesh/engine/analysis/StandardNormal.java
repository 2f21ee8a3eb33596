package io.jenkins.plugins.mesh.engine.analysis;

/**
 * The standard normal distribution: its quantile (Acklam's rational approximation, relative error &lt; 1.2e-9) and its
 * cumulative distribution (Marsaglia's series, "Evaluating the Normal Distribution", 2004: absolute error near 1e-15).
 */
public final class StandardNormal {

    private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01};
    private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
        3.754408661907416e+00};
    private static final double LOW = 0.02425;
    private static final double LOG_SQRT_2PI = 0.91893853320467274178;
    /** Beyond this many standard deviations the cumulative probability is 0 or 1 in double precision. */
    private static final double CDF_LIMIT = 8.5;

    private StandardNormal() {
    }

    /** The z with {@code P(Z <= z) = p}, for 0 &lt; p &lt; 1. */
    public static double quantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("a probability strictly between 0 and 1 is needed, got " + p);
        }
        if (p < LOW) {
            double q = Math.sqrt(-2 * Math.log(p));
            return tail(q);
        }
        if (p > 1 - LOW) {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            return -tail(q);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
                / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
    }

    private static double tail(double q) {
        return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
    }

    /** {@code P(Z <= z)}. */
    public static double cdf(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        if (z < -CDF_LIMIT) {
            return 0;
        }
        if (z > CDF_LIMIT) {
            return 1;
        }
        double sum = z;
        double previous = 0;
        double term = z;
        double z2 = z * z;
        for (int i = 3; sum != previous; i += 2) {
            previous = sum;
            term *= z2 / i;
            sum += term;
        }
        return 0.5 + sum * Math.exp(-0.5 * z2 - LOG_SQRT_2PI);
    }
}
