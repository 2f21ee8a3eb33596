package io.jenkins.plugins.mesh.engine.analysis;

import java.util.List;
import java.util.Objects;

/**
 * The canary's 5xx ratio against the stable's over the same window, judged by {@link ErrorRateComparison}: FAIL
 * only when the canary surely errs more by at least the policy's minimum effect, PASS only when any regression is
 * surely below its tolerance, INCONCLUSIVE in between (typically: too little traffic).
 *
 * @param policy confidence, minimum effect and tolerance
 */
public record ErrorRateBaselineCheck(ErrorRatePolicy policy) implements TrafficCheck {

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
}
