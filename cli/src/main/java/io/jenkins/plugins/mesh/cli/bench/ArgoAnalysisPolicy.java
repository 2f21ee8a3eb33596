package io.jenkins.plugins.mesh.cli.bench;

import io.jenkins.plugins.mesh.engine.analysis.RequestCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An emulation of Argo Rollouts' documented Istio analysis example (not Argo Rollouts itself), after its docs
 * "Analysis &amp; Progressive Delivery" and "Istio" traffic management: steps {@code setWeight} each followed by a
 * {@code pause} of 5 minutes, a background analysis from the start measuring the canary's success ratio over the last
 * 5 minutes every 5 minutes (the first measurement at once, as without {@code initialDelay}), condition
 * {@code result[0] >= 0.95}; no data (NaN) is a failed measurement; the run fails, and the rollout aborts to the
 * stable, when failed measurements exceed {@code failureLimit} 3. The emulation has no query errors, so
 * {@code consecutiveErrorLimit} (4) never triggers. When the last pause ends the canary is promoted.
 */
final class ArgoAnalysisPolicy implements CanaryPolicy {

    private static final Duration INTERVAL = Duration.ofMinutes(5);
    private static final Duration PAUSE = Duration.ofMinutes(5);
    private static final double MIN_SUCCESS = 0.95;
    private static final int FAILURE_LIMIT = 3;

    private final List<Integer> steps;

    ArgoAnalysisPolicy(List<Integer> steps) {
        this.steps = List.copyOf(steps);
    }

    @Override
    public String name() {
        return "Argo example";
    }

    @Override
    public SimulatedCanary.End run(SimulatedCanary canary) throws Exception {
        Instant start = canary.start();
        Instant end = start.plus(PAUSE.multipliedBy(steps.size()));
        Instant nextMeasurement = start;
        int failed = 0;
        int step = 0;
        Instant nextStep = start;
        while (true) {
            Instant now = nextMeasurement.isBefore(nextStep) ? nextMeasurement : nextStep;
            canary.advanceTo(now);
            if (!nextStep.isAfter(now)) {
                if (step < steps.size()) {
                    canary.setCanaryWeight(steps.get(step++));
                    nextStep = now.plus(PAUSE);
                } else {
                    nextStep = Instant.MAX;
                }
            }
            if (!nextMeasurement.isAfter(now)) {
                if (!measurementPasses(canary, now)) {
                    failed++;
                    if (failed > FAILURE_LIMIT) {
                        return canary.restored();
                    }
                }
                nextMeasurement = now.plus(INTERVAL);
            }
            if (!now.isBefore(end)) {
                return canary.promoted();
            }
        }
    }

    private static boolean measurementPasses(SimulatedCanary canary, Instant now) throws Exception {
        RequestCounts counts = canary.observer().requests(SimulatedCanary.CANARY_SELECTOR, INTERVAL, now);
        double ratio = counts.successRatio();
        return !Double.isNaN(ratio) && ratio >= MIN_SUCCESS;
    }
}
