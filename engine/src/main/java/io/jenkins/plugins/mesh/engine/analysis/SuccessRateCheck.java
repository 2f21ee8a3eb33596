package io.jenkins.plugins.mesh.engine.analysis;

import java.util.List;

/**
 * The canary's share of non-5xx responses over the window must be at least {@code minPercent} (Flagger's
 * {@code request-success-rate}). Unlike a bare threshold, a low observed rate fails only when it is surely low: the
 * upper bound of its Wilson confidence interval at {@code confidence} must be below the minimum too. One error in
 * 60 requests (98.3 %) is then INCONCLUSIVE against {@code >= 99}, not a rollback; at real traffic the bound is the
 * observed rate. {@code confidence=0.5} gives the bare threshold. Fewer requests than the minimum are inconclusive.
 *
 * @param minPercent e.g. 99 for 99 %
 * @param confidence how sure a FAIL must be, from 0.5 (bare threshold) to 0.999999
 */
public record SuccessRateCheck(double minPercent, double confidence) implements TrafficCheck {

    /** How sure a FAIL must be unless the spec says otherwise. */
    public static final double DEFAULT_CONFIDENCE = 0.99;

    public SuccessRateCheck {
        if (!(minPercent >= 0 && minPercent <= 100)) {
            throw new IllegalArgumentException("success-rate minimum must be a percentage from 0 to 100, got "
                    + minPercent);
        }
        if (!(confidence >= 0.5 && confidence <= 0.999999)) {
            throw new IllegalArgumentException("success-rate confidence must be between 0.5 and 0.999999, got "
                    + confidence);
        }
    }

    /** The check with the default confidence. */
    public SuccessRateCheck(double minPercent) {
        this(minPercent, DEFAULT_CONFIDENCE);
    }

    @Override
    public String spec() {
        return "success-rate>=" + Numbers.exact(minPercent)
                + (confidence == DEFAULT_CONFIDENCE ? "" : ":confidence=" + Numbers.exact(confidence));
    }

    @Override
    public String threshold() {
        return "canary success rate >= " + Numbers.exact(minPercent) + " % (FAIL when surely below, confidence "
                + Numbers.exact(confidence) + ")";
    }

    @Override
    public boolean comparesWithStable() {
        return false;
    }

    @Override
    public CheckRecord judge(CheckContext context, TrafficReading traffic, List<Measurement> measurements)
            throws MetricException {
        RequestCounts counts = traffic.canary();
        double percent = 100 * counts.successRatio();
        measurements.add(Measurement.derived("canary success rate %", percent));
        if (percent >= minPercent) {
            return CheckRecord.of(this, context, Verdict.PASS, percent, "success rate " + Numbers.format(percent)
                    + " % is at least " + Numbers.exact(minPercent) + " %", measurements);
        }
        double z = StandardNormal.quantile(confidence);
        double upper = 100 * ErrorRateComparison.wilson(counts.successRatio(), counts.total(), z)[1];
        measurements.add(Measurement.derived("canary success rate % upper bound", upper));
        String observed = "success rate " + Numbers.format(percent) + " % (" + Numbers.count(counts.errors())
                + " of " + Numbers.count(counts.total()) + " requests failed)";
        if (upper < minPercent) {
            return CheckRecord.of(this, context, Verdict.FAIL, percent, observed + " is surely below the minimum "
                    + Numbers.exact(minPercent) + " % (upper bound " + Numbers.format(upper) + " %)", measurements);
        }
        return CheckRecord.of(this, context, Verdict.INCONCLUSIVE, percent, observed + " is below " + Numbers.exact(minPercent)
                + " %, but at this traffic it may be chance (upper bound " + Numbers.format(upper) + " %)",
                measurements);
    }
}
