package io.jenkins.plugins.mesh.engine.analysis;

/**
 * An upper confidence bound on a proportion (the canary's 5xx ratio) that stays valid however often it is read: the
 * beta-binomial mixture confidence sequence (Robbins, "Statistical methods related to the law of the iterated
 * logarithm", 1970). With a uniform prior, {@code M(p) = B(e + 1, n - e + 1) / (p^e (1 - p)^(n - e))} is a test
 * martingale for the true {@code p}, so {@code {p : M(p) < 1 / alpha}} holds the true proportion at every sample
 * size at once with probability {@code 1 - alpha}. The bound is that set's upper end.
 */
final class AnytimeProportionBound {

    private AnytimeProportionBound() {
    }

    /**
     * The upper end of the confidence sequence after {@code events} of {@code trials}, in [0, 1].
     *
     * @param alpha the probability that the bound is ever wrong
     */
    static double upper(double events, double trials, double alpha) {
        if (trials <= 0) {
            return 1;
        }
        double e = Math.min(events, trials);
        double threshold = Math.log(1 / alpha);
        double logBeta = logGamma(e + 1) + logGamma(trials - e + 1) - logGamma(trials + 2);
        double low = e / trials;
        double high = 1;
        if (logMixture(high, e, trials, logBeta) < threshold) {
            return 1;
        }
        for (int i = 0; i < 60; i++) {
            double mid = (low + high) / 2;
            if (logMixture(mid, e, trials, logBeta) < threshold) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return high;
    }

    private static double logMixture(double p, double e, double n, double logBeta) {
        if (p >= 1) {
            return n - e > 0 ? Double.POSITIVE_INFINITY : logBeta - e * Math.log(p);
        }
        double logLikelihood = (e > 0 ? e * Math.log(p) : 0) + (n - e) * Math.log1p(-p);
        return logBeta - logLikelihood;
    }

    /** ln Gamma(x) for x > 0, Lanczos' approximation (g = 7, 9 terms), good to about 15 digits. */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        double y = x - 1;
        double sum = c[0];
        for (int i = 1; i < c.length; i++) {
            sum += c[i] / (y + i);
        }
        double t = y + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
