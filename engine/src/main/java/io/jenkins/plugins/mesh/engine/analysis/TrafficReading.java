package io.jenkins.plugins.mesh.engine.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The request counts a check read before judging, as numbers and as report measurements, and whether they are
 * enough to judge.
 *
 * @param canary the canary's counts
 * @param stable the stable's counts, or {@code null} when the check does not compare
 * @param measurements the counts with their queries
 * @param tooFew why the traffic is too little to judge, or empty
 */
public record TrafficReading(RequestCounts canary, RequestCounts stable, List<Measurement> measurements,
        Optional<String> tooFew) {

    public TrafficReading {
        measurements = List.copyOf(measurements);
    }

    /** Reads the canary's counts (and the stable's when {@code withStable}) and checks each against the minimum. */
    static TrafficReading read(CheckContext context, boolean withStable, double needed) throws MetricException {
        RequestCounts canary = context.observer().requests(context.canary(), context.window(), context.at());
        RequestCounts stable = withStable
                ? context.observer().requests(context.stable(), context.window(), context.at()) : null;
        List<Measurement> measurements = new ArrayList<>(
                context.countMeasurements("canary", context.canary(), canary));
        Optional<String> tooFew = context.tooFewRequests("canary", canary, needed);
        if (withStable) {
            measurements.addAll(context.countMeasurements("stable", context.stable(), stable));
            tooFew = tooFew.or(() -> context.tooFewRequests("stable", stable, needed));
        }
        return new TrafficReading(canary, stable, measurements, tooFew);
    }
}
