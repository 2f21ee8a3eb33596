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
 * <p>A regression that starts late (a leak, a dependency that degrades) is diluted by the healthy stretches before
 * it: their events argue against every alternative. {@link #regressionSince} therefore also starts a test at each
 * stretch: {@code M = sum_k w_k E_k}, where {@code E_k} multiplies the stretches from the k-th on (and is 1 before it
 * starts) and {@code w_k = 1 / ((k + 1)(k + 2))}, fixed weights that sum to 1. Each stretch starts when the rollout
 * set a weight, a time fixed by the past, so each {@code E_k} is a test supermartingale under the hypothesis, and so
 * is their weighted sum: Ville's inequality bounds its false alarms by {@code alpha} as for one test, however many
 * stretches and looks there are (an e-detector, after Shin, Ramdas and Rinaldo, "E-detectors: a nonparametric
 * framework for sequential change detection", 2022).
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

    /**
     * The evidence that the canary's events are more than {@code nullRatio} times as frequent as the stable's, from
     * some stretch on: the weighted sum of the tests started at each stretch (see the class comment), and the
     * stretch whose test weighs most in it, so a caller can describe the regression over the stretches it is seen in.
     */
    public Evidence regressionSince(List<EventCounts> stretches) {
        int count = stretches.size();
        double total = 0;
        double most = -1;
        int from = 0;
        for (int k = 0; k < count; k++) {
            double weighted = startWeight(k) * evidence(stretches.subList(k, count), STEP);
            total += weighted;
            if (weighted > most) {
                most = weighted;
                from = k;
            }
        }
        // the tests of stretches still to come stand at 1: their weights sum to 1 / (count + 1)
        total += 1.0 / (count + 1);
        return new Evidence(Math.min(total, MOST_EVIDENCE), from);
    }

    /** The weight of the test started at the k-th stretch (0-based); the weights sum to 1. */
    static double startWeight(int k) {
        return 1.0 / ((k + 1.0) * (k + 2.0));
    }

    /**
     * The evidence of a regression from some stretch on.
     *
     * @param value the weighted sum of the tests started at each stretch, compared with {@code 1 / alpha}
     * @param from the stretch (0-based) whose test weighs most in it
     */
    public record Evidence(double value, int from) {
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
