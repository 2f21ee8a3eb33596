package io.jenkins.plugins.mesh.engine.analysis;

/**
 * Compares the canary's error ratio with the stable's over the same window. The difference d = p(canary) -
 * p(stable) gets a confidence interval by Newcombe's hybrid score method (Wilson intervals per version, combined),
 * which stays honest with zero errors and small samples where the textbook z-test does not:
 * <ul>
 * <li>FAIL when the lower bound exceeds {@link ErrorRatePolicy#minEffect()}: the canary surely errs more, by a
 * margin that matters;</li>
 * <li>PASS when the upper bound is at most {@link ErrorRatePolicy#tolerance()}: any regression is surely smaller
 * than what we must catch;</li>
 * <li>INCONCLUSIVE otherwise: not enough traffic to tell.</li>
 * </ul>
 *
 * @param difference canary error ratio minus stable error ratio
 * @param lower the one-sided lower confidence bound of the difference
 * @param upper the one-sided upper confidence bound of the difference
 * @param verdict the judgement under the policy
 */
public record ErrorRateComparison(double difference, double lower, double upper, Verdict verdict) {

    /**
     * Judges {@code canary} against {@code stable}. Either with no requests is INCONCLUSIVE (bounds NaN).
     *
     * @param z the critical value, {@link ErrorRatePolicy#z()} (passed in so callers compute it once)
     */
    public static ErrorRateComparison compare(RequestCounts canary, RequestCounts stable, ErrorRatePolicy policy,
            double z) {
        if (canary.total() == 0 || stable.total() == 0) {
            return new ErrorRateComparison(Double.NaN, Double.NaN, Double.NaN, Verdict.INCONCLUSIVE);
        }
        double p1 = canary.errors() / canary.total();
        double p2 = stable.errors() / stable.total();
        double[] w1 = wilson(p1, canary.total(), z);
        double[] w2 = wilson(p2, stable.total(), z);
        double d = p1 - p2;
        double lower = d - Math.hypot(p1 - w1[0], w2[1] - p2);
        double upper = d + Math.hypot(w1[1] - p1, p2 - w2[0]);
        Verdict verdict = lower > policy.minEffect() ? Verdict.FAIL
                : upper <= policy.tolerance() ? Verdict.PASS : Verdict.INCONCLUSIVE;
        return new ErrorRateComparison(d, lower, upper, verdict);
    }

    /** Wilson score interval {lower, upper} of a proportion {@code p} observed over {@code n} trials. */
    static double[] wilson(double p, double n, double z) {
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double center = (p + z2 / (2 * n)) / denominator;
        double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // At p = 0 (or 1) the bound is 0 (or 1) exactly; the subtraction would leave rounding residue.
        double lower = p <= 0 ? 0 : Math.max(0, center - half);
        double upper = p >= 1 ? 1 : Math.min(1, center + half);
        return new double[] {lower, upper};
    }
}
