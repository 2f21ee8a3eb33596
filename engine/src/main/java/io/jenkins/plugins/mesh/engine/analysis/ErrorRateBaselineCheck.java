package io.jenkins.plugins.mesh.engine.analysis;

import io.jenkins.plugins.mesh.engine.DurationText;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The canary's 5xx ratio against the stable's over the same window, judged by {@link ErrorRateComparison}: FAIL
 * only when the canary surely errs more by at least the policy's minimum effect, PASS only when any regression is
 * surely below its tolerance, INCONCLUSIVE in between (typically: too little traffic).
 *
 * @param policy confidence, minimum effect and tolerance
 */
public record ErrorRateBaselineCheck(ErrorRatePolicy policy) implements TrafficCheck, SequentialGuard {

    /** The sequential test's null hypothesis: the canary errs at most this many times as often as the stable. */
    public static final double SEQUENTIAL_RATE_RATIO = 1.5;

    /** The spec's name. */
    public static final String NAME = "error-rate-vs-stable";

    public ErrorRateBaselineCheck {
        Objects.requireNonNull(policy, "policy");
    }

    @Override
    public String spec() {
        if (policy.equals(ErrorRatePolicy.DEFAULT)) {
            return NAME;
        }
        return NAME + ":confidence=" + Numbers.exact(policy.confidence())
                + ",min-effect=" + Numbers.exact(policy.minEffect() * 100)
                + ",tolerance=" + Numbers.exact(policy.tolerance() * 100);
    }

    @Override
    public String threshold() {
        return "canary 5xx ratio minus stable's: FAIL if surely > " + Numbers.exact(policy.minEffect() * 100)
                + " pp, PASS if surely <= " + Numbers.exact(policy.tolerance() * 100) + " pp (confidence "
                + Numbers.exact(policy.confidence()) + ")";
    }

    /** A guard: a regression it proves rolls back; its lack of samples does not hold the canary. */
    @Override
    public boolean gatesAdvance() {
        return false;
    }

    @Override
    public boolean comparesWithStable() {
        return true;
    }

    @Override
    public CheckRecord judge(CheckContext context, TrafficReading traffic, List<Measurement> measurements)
            throws MetricException {
        RequestCounts canary = traffic.canary();
        RequestCounts stable = traffic.stable();
        ErrorRateComparison comparison = ErrorRateComparison.compare(canary, stable, policy, policy.z());
        measurements.add(Measurement.derived("canary 5xx %", 100 * canary.errors() / canary.total()));
        measurements.add(Measurement.derived("stable 5xx %", 100 * stable.errors() / stable.total()));
        measurements.add(Measurement.derived("difference pp lower bound", 100 * comparison.lower()));
        measurements.add(Measurement.derived("difference pp upper bound", 100 * comparison.upper()));
        String observed = "canary errs " + Numbers.format(100 * canary.errors() / canary.total()) + " %, stable "
                + Numbers.format(100 * stable.errors() / stable.total()) + " %; the difference lies in ["
                + Numbers.format(100 * comparison.lower()) + ", " + Numbers.format(100 * comparison.upper())
                + "] pp";
        switch (comparison.verdict()) {
            case FAIL:
                return CheckRecord.of(this, context, Verdict.FAIL, 100 * comparison.difference(), observed + ", surely above "
                        + Numbers.exact(policy.minEffect() * 100) + " pp", measurements);
            case PASS:
                return CheckRecord.of(this, context, Verdict.PASS, 100 * comparison.difference(), observed + ", surely within "
                        + Numbers.exact(policy.tolerance() * 100) + " pp", measurements);
            default:
                return CheckRecord.of(this, context, Verdict.INCONCLUSIVE, 100 * comparison.difference(), observed + ": too little traffic to tell",
                        measurements);
        }
    }

    /**
     * The sequential form: FAIL once the evidence (a {@link SequentialRatioTest}, from any stretch on) shows that the
     * canary's 5xx answers are more than {@value #SEQUENTIAL_RATE_RATIO} times as frequent as the stable's per
     * request and its observed ratio, from the stretch that weighs most in the evidence, is above the stable's by more
     * than the minimum effect; PASS once the canary served the minimum requests
     * and the anytime-valid upper bound of its 5xx ratio is within the tolerance of the stable's ratio.
     */
    @Override
    public CheckRecord lookAt(CheckContext context, List<TrafficSegment> segments) throws MetricException {
        List<EventCounts> counts = SegmentCounts.errors(context, segments);
        EventCounts total = SegmentCounts.total(counts);
        double alpha = 1 - policy.confidence();
        SequentialRatioTest test = new SequentialRatioTest(SEQUENTIAL_RATE_RATIO, alpha);
        SequentialRatioTest.Evidence regression = test.regressionSince(counts);
        double evidence = regression.value();
        double canary = total.canaryRequests() == 0 ? 0 : total.canaryShare();
        double stable = total.stableRequests() == 0 ? 0 : total.stableShare();
        // the size of the regression where the evidence is: from the stretch whose test weighs most
        EventCounts recent = SegmentCounts.total(counts.subList(regression.from(), counts.size()));
        double recentDifference = recent.canaryRequests() == 0 || recent.stableRequests() == 0 ? 0
                : recent.canaryShare() - recent.stableShare();
        double upper = AnytimeProportionBound.upper(total.canaryEvents(), total.canaryRequests(), alpha);
        List<Measurement> measurements = new ArrayList<>();
        measurements.add(Measurement.derived("canary requests", total.canaryRequests()));
        measurements.add(Measurement.derived("canary 5xx responses", total.canaryEvents()));
        measurements.add(Measurement.derived("stable requests", total.stableRequests()));
        measurements.add(Measurement.derived("stable 5xx responses", total.stableEvents()));
        measurements.add(Measurement.derived("evidence of a regression", evidence));
        measurements.add(Measurement.derived("canary 5xx % upper bound", 100 * upper));
        String observed = "since the canary started it erred " + Numbers.format(100 * canary) + " % of "
                + Numbers.count(total.canaryRequests()) + " requests, the stable " + Numbers.format(100 * stable)
                + " % of " + Numbers.count(total.stableRequests()) + "; evidence " + Numbers.evidence(evidence)
                + " against the " + Numbers.format(1 / alpha) + " needed";
        Double difference = 100 * (canary - stable);
        if (test.isConclusive(evidence) && recentDifference > policy.minEffect()) {
            String since = regression.from() == 0 ? "" : " in the last " + DurationText.format(java.time.Duration
                    .between(segments.get(regression.from()).from(), context.at()).truncatedTo(
                            java.time.temporal.ChronoUnit.SECONDS)) + ", since its weight changed ("
                    + Numbers.format(100 * recent.canaryShare()) + " % against "
                    + Numbers.format(100 * recent.stableShare()) + " %)";
            return CheckRecord.of(this, context, Verdict.FAIL, difference, observed + ": the canary surely errs more "
                    + "than " + Numbers.exact(SEQUENTIAL_RATE_RATIO) + " times as often" + since, measurements);
        }
        if (total.canaryRequests() >= Math.max(1, context.minRequests()) && upper <= stable + policy.tolerance()) {
            return CheckRecord.of(this, context, Verdict.PASS, difference, observed + "; its 5xx ratio is surely below "
                    + Numbers.format(100 * upper) + " %, within " + Numbers.exact(policy.tolerance() * 100)
                    + " pp of the stable's", measurements);
        }
        return CheckRecord.of(this, context, Verdict.INCONCLUSIVE, difference, observed + ": not conclusive yet",
                measurements);
    }
}
