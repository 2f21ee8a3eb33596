package io.jenkins.plugins.mesh.cli.bench;

import io.jenkins.plugins.mesh.engine.analysis.RequestCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * An emulation of Flagger's documented canary analysis (not Flagger itself), after its docs "How it works" and the
 * "Istio Canary Deployments" tutorial: every interval (1 minute) the canary's success rate over the last interval must
 * be at least 99 % and its p99 latency at most 500 ms, as bare thresholds; no data is a failed check; a failed check
 * halts the advance; the routes are restored at the first interval that finds {@code threshold} failed checks. The
 * first interval sets the first step without a check (no traffic yet); a check that passes at the last weight
 * promotes.
 */
final class FlaggerRulePolicy implements CanaryPolicy {

    private static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final double MIN_SUCCESS_PERCENT = 99;
    private static final double MAX_P99_MILLIS = 500;

    private final int threshold;
    private final int stepWeight;
    private final int maxWeight;

    FlaggerRulePolicy(int threshold, int stepWeight, int maxWeight) {
        this.threshold = threshold;
        this.stepWeight = stepWeight;
        this.maxWeight = maxWeight;
    }

    @Override
    public String name() {
        return "Flagger rule, threshold " + threshold;
    }

    @Override
    public SimulatedCanary.End run(SimulatedCanary canary) throws Exception {
        Instant now = canary.start();
        int weight = 0;
        int failedChecks = 0;
        while (true) {
            canary.advanceTo(now);
            if (failedChecks >= threshold) {
                return canary.restored();
            }
            if (weight > 0) {
                if (!checksPass(canary, now)) {
                    failedChecks++;
                    now = now.plus(INTERVAL);
                    continue;
                }
                if (weight >= maxWeight) {
                    return canary.promoted();
                }
            }
            weight = Math.min(weight + stepWeight, maxWeight);
            canary.setCanaryWeight(weight);
            now = now.plus(INTERVAL);
        }
    }

    private static boolean checksPass(SimulatedCanary canary, Instant now) throws Exception {
        RequestCounts counts = canary.observer().requests(SimulatedCanary.CANARY_SELECTOR, INTERVAL, now);
        double successPercent = counts.successRatio() * 100;
        if (Double.isNaN(successPercent) || successPercent < MIN_SUCCESS_PERCENT) {
            return false;
        }
        OptionalDouble p99 = canary.observer().latencyMillis(SimulatedCanary.CANARY_SELECTOR, 0.99, INTERVAL, now);
        return p99.isPresent() && p99.getAsDouble() <= MAX_P99_MILLIS;
    }
}
