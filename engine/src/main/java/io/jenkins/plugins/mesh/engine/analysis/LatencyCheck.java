package io.jenkins.plugins.mesh.engine.analysis;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The canary's latency percentile over the window must be at most {@code maxMillis} (Flagger's
 * {@code request-duration}). Too few requests, or no finite value, make it inconclusive.
 *
 * @param percentile e.g. p99
 * @param maxMillis the limit in milliseconds
 */
public record LatencyCheck(Percentile percentile, double maxMillis) implements TrafficCheck {

    public LatencyCheck {
        Objects.requireNonNull(percentile, "percentile");
        if (!(maxMillis > 0) || Double.isInfinite(maxMillis)) {
            throw new IllegalArgumentException("latency-" + percentile + " limit must be a number of milliseconds "
                    + "> 0, got " + maxMillis);
        }
    }

    @Override
    public String spec() {
        return "latency-" + percentile + "<=" + Numbers.exact(maxMillis);
    }

    @Override
    public String threshold() {
        return "canary " + percentile + " latency <= " + Numbers.exact(maxMillis) + " ms";
    }

    @Override
    public boolean comparesWithStable() {
        return false;
    }

    @Override
    public CheckRecord judge(CheckContext context, TrafficReading traffic, List<Measurement> measurements)
            throws MetricException {
        OptionalDouble latency = context.observer().latencyMillis(context.canary(), percentile.quantile(),
                context.window(), context.at());
        String name = "canary " + percentile + " latency ms";
        String query = context.observer().describeLatency(context.canary(), percentile.quantile(), context.window());
        measurements.add(new Measurement(name, query, latency.isPresent() ? latency.getAsDouble() : null));
        if (latency.isEmpty()) {
            return CheckRecord.of(this, context, Verdict.INCONCLUSIVE, null, "no finite " + percentile + " latency for the "
                    + "canary (no histogram data, or the percentile lies above the largest bucket)", measurements);
        }
        double millis = latency.getAsDouble();
        if (millis <= maxMillis) {
            return CheckRecord.of(this, context, Verdict.PASS, millis, percentile + " latency " + Numbers.format(millis)
                    + " ms is within " + Numbers.exact(maxMillis) + " ms", measurements);
        }
        return CheckRecord.of(this, context, Verdict.FAIL, millis, percentile + " latency " + Numbers.format(millis)
                + " ms exceeds the limit " + Numbers.exact(maxMillis) + " ms", measurements);
    }
}
