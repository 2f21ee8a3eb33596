package io.jenkins.plugins.mesh.engine.analysis;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The canary's latency percentile against the stable's over the same window: FAIL when the canary's exceeds both
 * {@code maxRatio} times the stable's and the stable's plus {@code floorMillis} (so 4 ms against 2 ms does not
 * fail). A percentile needs traffic in its tail to mean anything: each version must have served at least
 * {@value #TAIL_REQUESTS} requests above it, i.e. {@code 10 / (1 - q)} requests (1000 for p99), besides the
 * analysis minimum.
 *
 * @param percentile e.g. p99
 * @param maxRatio e.g. 1.5
 * @param floorMillis differences up to this many milliseconds never fail
 */
public record LatencyBaselineCheck(Percentile percentile, double maxRatio, double floorMillis) implements TrafficCheck {

    /** Requests expected above the percentile, per version, before the comparison means anything. */
    public static final int TAIL_REQUESTS = 10;
    /** The floor when the spec sets none. */
    public static final double DEFAULT_FLOOR_MILLIS = 25;

    public LatencyBaselineCheck {
        Objects.requireNonNull(percentile, "percentile");
        if (!(maxRatio >= 1) || Double.isInfinite(maxRatio)) {
            throw new IllegalArgumentException("latency-" + percentile + "-vs-stable ratio must be a number >= 1, got "
                    + maxRatio);
        }
        if (!(floorMillis >= 0) || Double.isInfinite(floorMillis)) {
            throw new IllegalArgumentException("latency floor must be a number of milliseconds >= 0, got "
                    + floorMillis);
        }
    }

    @Override
    public String spec() {
        return "latency-" + percentile + "-vs-stable<=" + Numbers.exact(maxRatio) + "x"
                + (floorMillis == DEFAULT_FLOOR_MILLIS ? "" : ":floor=" + Numbers.exact(floorMillis));
    }

    @Override
    public String threshold() {
        return "canary " + percentile + " latency <= max(" + Numbers.exact(maxRatio) + " x stable's, stable's + "
                + Numbers.exact(floorMillis) + " ms)";
    }

    /** Requests each version needs for this percentile. */
    @Override
    public double requestsNeeded() {
        return Math.ceil(TAIL_REQUESTS / (1 - percentile.quantile()) - 1e-9);
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
        OptionalDouble canaryMillis = latency(context, context.canary(), "canary", measurements);
        OptionalDouble stableMillis = latency(context, context.stable(), "stable", measurements);
        if (canaryMillis.isEmpty() || stableMillis.isEmpty()) {
            return CheckRecord.of(this, context, Verdict.INCONCLUSIVE, null, "no finite " + percentile + " latency for the "
                    + (canaryMillis.isEmpty() ? "canary" : "stable") + " (no histogram data, or the percentile lies "
                    + "above the largest bucket)", measurements);
        }
        double c = canaryMillis.getAsDouble();
        double s = stableMillis.getAsDouble();
        double limit = Math.max(maxRatio * s, s + floorMillis);
        measurements.add(Measurement.derived("canary limit ms", limit));
        String observed = "canary " + percentile + " " + Numbers.format(c) + " ms against stable "
                + Numbers.format(s) + " ms";
        if (c <= limit) {
            return CheckRecord.of(this, context, Verdict.PASS, c, observed + ", within " + Numbers.format(limit) + " ms",
                    measurements);
        }
        return CheckRecord.of(this, context, Verdict.FAIL, c, observed + " exceeds " + Numbers.format(limit) + " ms",
                measurements);
    }

    private OptionalDouble latency(CheckContext context, VersionSelector version, String who,
            List<Measurement> measurements) throws MetricException {
        OptionalDouble millis = context.observer().latencyMillis(version, percentile.quantile(), context.window(),
                context.at());
        measurements.add(new Measurement(who + " " + percentile + " latency ms",
                context.observer().describeLatency(version, percentile.quantile(), context.window()),
                millis.isPresent() ? millis.getAsDouble() : null));
        return millis;
    }
}
