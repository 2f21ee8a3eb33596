package io.jenkins.plugins.mesh.engine.analysis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The canary's latency percentile against the stable's over the same window. The limit is the larger of
 * {@code maxRatio} times the stable's percentile and the stable's plus {@code floorMillis} (so 4 ms against 2 ms does
 * not fail). A percentile read from a few hundred requests is noisy, and Istio's coarse histogram buckets make it jump
 * from one bucket edge to the next, so the check FAILs only when the canary is <em>surely</em> above the limit: the
 * lower bound of the canary's percentile (the quantile {@code q - z sqrt(q(1-q)/n)}, the order-statistic confidence
 * bound at {@value #CONFIDENCE}) must exceed the limit built from the upper bound of the stable's. It PASSes when the
 * canary's percentile itself is within the limit, and is INCONCLUSIVE in between. Each version must have served at
 * least {@value #TAIL_REQUESTS} requests above the percentile, i.e. {@code 5 / (1 - q)} requests (500 for p99),
 * besides the analysis minimum.
 *
 * @param percentile e.g. p99
 * @param maxRatio e.g. 1.5
 * @param floorMillis differences up to this many milliseconds never fail
 */
public record LatencyBaselineCheck(Percentile percentile, double maxRatio, double floorMillis) implements TrafficCheck, SequentialGuard {

    /** Requests expected above the percentile, per version, before the comparison means anything. */
    public static final int TAIL_REQUESTS = 5;
    /** How sure a FAIL must be. */
    public static final double CONFIDENCE = 0.99;
    /** Bounds are kept inside the histogram's useful range. */
    private static final double LOWEST_QUANTILE = 0.5;
    private static final double HIGHEST_QUANTILE = 0.999;
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
        double limit = limit(s);
        measurements.add(Measurement.derived("canary limit ms", limit));
        String observed = "canary " + percentile + " " + Numbers.format(c) + " ms against stable "
                + Numbers.format(s) + " ms";
        if (c <= limit) {
            return CheckRecord.of(this, context, Verdict.PASS, c, observed + ", within " + Numbers.format(limit) + " ms",
                    measurements);
        }
        double z = StandardNormal.quantile(CONFIDENCE);
        OptionalDouble canaryLow = bound(context, context.canary(), "canary", -z, traffic.canary().total(),
                measurements);
        OptionalDouble stableHigh = bound(context, context.stable(), "stable", z, traffic.stable().total(),
                measurements);
        if (canaryLow.isPresent() && stableHigh.isPresent() && canaryLow.getAsDouble() > limit(stableHigh.getAsDouble())) {
            double surelyLimit = limit(stableHigh.getAsDouble());
            return CheckRecord.of(this, context, Verdict.FAIL, c, observed + " exceeds " + Numbers.format(limit)
                    + " ms, surely: even its lower bound " + Numbers.format(canaryLow.getAsDouble())
                    + " ms exceeds the limit from the stable's upper bound, " + Numbers.format(surelyLimit) + " ms",
                    measurements);
        }
        return CheckRecord.of(this, context, Verdict.INCONCLUSIVE, c, observed + " exceeds " + Numbers.format(limit)
                + " ms, but not surely (the bounds at confidence " + Numbers.exact(CONFIDENCE) + " overlap); more "
                + "traffic will tell", measurements);
    }

    private double limit(double stableMillis) {
        return Math.max(maxRatio * stableMillis, stableMillis + floorMillis);
    }

    /**
     * The percentile's confidence bound from {@code n} requests: the latency at quantile {@code q + zSigned sqrt(q(1-q)
     * / n)} (order statistics: the number of requests below the true percentile is binomial).
     */
    private OptionalDouble bound(CheckContext context, VersionSelector version, String who, double zSigned, double n,
            List<Measurement> measurements) throws MetricException {
        double q = percentile.quantile();
        double shifted = q + zSigned * Math.sqrt(q * (1 - q) / Math.max(n, 1));
        double quantile = Math.min(HIGHEST_QUANTILE, Math.max(LOWEST_QUANTILE, shifted));
        OptionalDouble millis = context.observer().latencyMillis(version, quantile, context.window(), context.at());
        measurements.add(new Measurement(who + " " + percentile + " " + (zSigned < 0 ? "lower" : "upper") + " bound ms",
                context.observer().describeLatency(version, quantile, context.window()),
                millis.isPresent() ? millis.getAsDouble() : null));
        return millis;
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

    /**
     * The sequential form, on the share of requests slower than the stable's percentile: the edge is the largest
     * histogram bucket edge at or below the stable's percentile since the canary started, so about {@code 1 - q} of
     * the stable's requests lie above it. FAIL once the evidence (a {@link SequentialRatioTest}, from any stretch on)
     * shows that the canary's requests are more than {@code maxRatio} times as often above the edge as the stable's,
     * and the canary's percentile, from the stretch that weighs most in the evidence, is above the stable's by more
     * than the floor; PASS once the canary served the requests
     * this percentile needs and the evidence shows they are less than {@code maxRatio} times as often above it.
     */
    @Override
    public CheckRecord lookAt(CheckContext context, List<TrafficSegment> segments) throws MetricException {
        Duration span = SegmentCounts.span(segments);
        List<Measurement> measurements = new ArrayList<>();
        OptionalDouble stableMillis = context.observer().latencyMillis(context.stable(), percentile.quantile(), span,
                context.at());
        OptionalDouble canaryMillis = context.observer().latencyMillis(context.canary(), percentile.quantile(), span,
                context.at());
        if (stableMillis.isEmpty()) {
            return CheckRecord.of(this, context, Verdict.INCONCLUSIVE, null, "no finite " + percentile + " latency "
                    + "for the stable since the canary started", measurements);
        }
        List<EventCounts> counts = SegmentCounts.slower(context, segments, stableMillis.getAsDouble());
        TailCounts edge = context.observer().slowerThan(context.stable(), stableMillis.getAsDouble(), span,
                context.at());
        EventCounts total = SegmentCounts.total(counts);
        double alpha = 1 - CONFIDENCE;
        SequentialRatioTest test = new SequentialRatioTest(maxRatio, alpha);
        SequentialRatioTest.Evidence since = test.regressionSince(counts);
        double regression = since.value();
        double noRegression = test.evidenceOfNoRegression(counts);
        double canaryShare = total.canaryRequests() == 0 ? 0 : total.canaryShare();
        double stableShare = total.stableRequests() == 0 ? 0 : total.stableShare();
        Double ratio = stableShare > 0 ? canaryShare / stableShare : null;
        measurements.add(Measurement.derived("stable " + percentile + " latency ms", stableMillis.getAsDouble()));
        measurements.add(Measurement.derived("edge ms", edge.edgeMillis()));
        measurements.add(Measurement.derived("canary % slower than the edge", 100 * canaryShare));
        measurements.add(Measurement.derived("stable % slower than the edge", 100 * stableShare));
        measurements.add(Measurement.derived("evidence of a regression", regression));
        measurements.add(Measurement.derived("evidence of no regression", noRegression));
        String observed = "since the canary started " + Numbers.format(100 * canaryShare) + " % of its "
                + Numbers.count(total.canaryRequests()) + " requests took longer than " + Numbers.format(edge.edgeMillis())
                + " ms (the stable's " + percentile + " is " + Numbers.format(stableMillis.getAsDouble()) + " ms), "
                + Numbers.format(100 * stableShare) + " % of the stable's; evidence " + Numbers.evidence(regression)
                + " against the " + Numbers.format(1 / alpha) + " needed";
        // how far the canary is above the floor, where the evidence is: from the stretch that weighs most in it
        OptionalDouble canaryRecent = canaryMillis;
        OptionalDouble stableRecent = stableMillis;
        if (since.from() > 0) {
            Duration recent = Duration.between(segments.get(since.from()).from(), context.at());
            canaryRecent = context.observer().latencyMillis(context.canary(), percentile.quantile(), recent,
                    context.at());
            stableRecent = context.observer().latencyMillis(context.stable(), percentile.quantile(), recent,
                    context.at());
        }
        boolean aboveFloor = canaryRecent.isPresent() && stableRecent.isPresent()
                && canaryRecent.getAsDouble() > stableRecent.getAsDouble() + floorMillis;
        if (test.isConclusive(regression) && aboveFloor) {
            return CheckRecord.of(this, context, Verdict.FAIL, ratio, observed + ": the canary is surely more than "
                    + Numbers.exact(maxRatio) + " times as often that slow", measurements);
        }
        if (test.isConclusive(noRegression) && total.canaryRequests() >= Math.max(requestsNeeded(),
                context.minRequests())) {
            return CheckRecord.of(this, context, Verdict.PASS, ratio, observed + "; surely less than "
                    + Numbers.exact(maxRatio) + " times as often (evidence " + Numbers.evidence(noRegression) + ")",
                    measurements);
        }
        return CheckRecord.of(this, context, Verdict.INCONCLUSIVE, ratio, observed + ": not conclusive yet",
                measurements);
    }
}
