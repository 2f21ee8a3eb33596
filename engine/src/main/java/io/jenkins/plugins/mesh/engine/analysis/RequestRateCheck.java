package io.jenkins.plugins.mesh.engine.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * The canary must receive at least {@code minPerSecond} requests per second over the window for the step to be
 * judged. Too little traffic is not the canary's fault, so below the minimum the check is INCONCLUSIVE, never FAIL.
 *
 * @param minPerSecond e.g. 1
 */
public record RequestRateCheck(double minPerSecond) implements Check {

    public RequestRateCheck {
        if (!(minPerSecond >= 0) || Double.isInfinite(minPerSecond)) {
            throw new IllegalArgumentException("request-rate minimum must be a number of requests per second >= 0, "
                    + "got " + minPerSecond);
        }
    }

    @Override
    public String spec() {
        return "request-rate>=" + Numbers.exact(minPerSecond);
    }

    @Override
    public String threshold() {
        return "canary request rate >= " + Numbers.exact(minPerSecond) + "/s";
    }

    @Override
    public CheckRecord evaluate(CheckContext context) throws MetricException {
        RequestCounts counts = context.observer().requests(context.canary(), context.window(), context.at());
        double rate = counts.total() / context.windowSeconds();
        List<Measurement> measurements = new ArrayList<>();
        measurements.add(new Measurement("canary requests", context.observer().describeRequests(context.canary(),
                context.window()), counts.total()));
        measurements.add(Measurement.derived("canary requests/s", rate));
        if (rate >= minPerSecond && counts.total() > 0) {
            return CheckRecord.of(this, context, Verdict.PASS, rate, "canary received " + Numbers.format(rate)
                    + " requests/s", measurements);
        }
        return CheckRecord.of(this, context, Verdict.INCONCLUSIVE, rate, "canary received " + Numbers.format(rate)
                + " requests/s, below the " + Numbers.exact(minPerSecond) + "/s needed to judge", measurements);
    }
}
