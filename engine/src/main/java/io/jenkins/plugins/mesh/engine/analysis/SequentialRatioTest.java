package io.jenkins.plugins.mesh.engine.analysis;

import java.util.List;

/**
 * An always-valid test of how often events (5xx answers, slow answers) befall the canary compared with the stable,
 * per request: the rate ratio {@code lambda = canary's event share / stable's event share}. It may be looked at after
 * every new sample, as often as one likes, and still raises a false alarm with probability at most {@code alpha}.
 *
 * <p>The construction follows sequential tests for count data in canary analysis (Lindon, Sanden, Shirikian, "Rapid
 * Regression Detection in Software Deployments through Sequential Testing", KDD 2022): events are rare, so within a
 * stretch where the canary got {@code r} requests per stable request, each event falls on the canary with
 * probability {@code theta = lambda r / (lambda r + 1)}, whatever the versions' common event rate. Against the
 * hypothesis {@code lambda <= nullRatio}, the evidence is a mixture of likelihood ratios over a grid of alternatives
 * {@code lambda_j > nullRatio}: {@code E = mean_j prod_events (theta_j / theta_0 or (1 - theta_j) / (1 - theta_0))}.
 * Under the hypothesis each ratio is a non-negative supermartingale with mean at most 1 (for {@code theta <=
 * theta_0} an event's factor averages {@code theta theta_j / theta_0 + (1 - theta)(1 - theta_j) / (1 - theta_0) <=
 * 1}), so is their mean, and by Ville's inequality it ever reaches {@code 1 / alpha} with probability at most
 * {@code alpha}. Stretches of different weights multiply, so the evidence of earlier steps carries over. The mirror
 * test, against {@code lambda >= nullRatio} with alternatives below, shows that the canary is no worse.
 *
 * @param nullRatio the rate ratio the canary may have without failing, {@code >= 1}
 * @param alpha the false alarm probability, in (0, 0.5]
 */
public record SequentialRatioTest(double nullRatio, double alpha) {

    /** Alternatives on each side: nullRatio times (or divided by) STEP, STEP^2, ..., STEP^GRID. */
    static final int GRID = 16;
    static final double STEP = 1.35;
    /** Evidence is reported up to this; far above any threshold, and short enough to print. */
    public static final double MOST_EVIDENCE = 1e9;

    public SequentialRatioTest {
        if (!(nullRatio >= 1) || Double.isInfinite(nullRatio)) {
            throw new IllegalArgumentException("the rate ratio to test must be a number >= 1, got " + nullRatio);
        }
        if (!(alpha > 0 && alpha <= 0.5)) {
            throw new IllegalArgumentException("the false alarm probability must be in (0, 0.5], got " + alpha);
        }
    }

    /** The evidence that the canary's events are more than {@code nullRatio} times as frequent as the stable's. */
    public double evidenceOfRegression(List<EventCounts> stretches) {
        return evidence(stretches, STEP);
    }

    /** The evidence that the canary's events are less than {@code nullRatio} times as frequent as the stable's. */
    public double evidenceOfNoRegression(List<EventCounts> stretches) {
        return evidence(stretches, 1 / STEP);
    }

    /** Whether evidence this strong rejects the hypothesis at {@code alpha}. */
    public boolean isConclusive(double evidence) {
        return evidence >= 1 / alpha;
    }

    private double evidence(List<EventCounts> stretches, double step) {
        double[] logRatios = new double[GRID];
        for (EventCounts stretch : stretches) {
            if (stretch.canaryRequests() <= 0 || stretch.stableRequests() <= 0) {
                continue;
            }
            double r = stretch.canaryRequests() / stretch.stableRequests();
            double theta0 = theta(nullRatio, r);
            double lambda = nullRatio;
            for (int j = 0; j < GRID; j++) {
                lambda *= step;
                double theta = theta(lambda, r);
                logRatios[j] += stretch.canaryEvents() * Math.log(theta / theta0)
                        + stretch.stableEvents() * Math.log((1 - theta) / (1 - theta0));
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double value : logRatios) {
            max = Math.max(max, value);
        }
        double sum = 0;
        for (double value : logRatios) {
            sum += Math.exp(value - max);
        }
        double evidence = Math.exp(max + Math.log(sum / GRID));
        return Math.min(evidence, MOST_EVIDENCE);
    }

    private static double theta(double lambda, double r) {
        return lambda * r / (lambda * r + 1);
    }
}
