package io.jenkins.plugins.mesh.cli.bench;

import io.jenkins.plugins.mesh.engine.rollout.AnalysisMode;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRequest;
import io.jenkins.plugins.mesh.engine.rollout.HealthCanaryAnalysis;
import io.jenkins.plugins.mesh.engine.rollout.Outcome;
import io.jenkins.plugins.mesh.engine.rollout.RolloutDriver;
import io.jenkins.plugins.mesh.engine.rollout.RolloutListener;
import io.jenkins.plugins.mesh.engine.rollout.RolloutState;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import java.util.List;

/**
 * Ours: the real engine ({@code CanaryStateMachine} through {@link RolloutDriver}) with the health analysis of a
 * {@link CanaryRequest} that sets only the steps, the analysis mode and, where given, the checks (default interval,
 * limits, minimum requests and look interval), reading the simulator's in-process metrics.
 */
final class EnginePolicy implements CanaryPolicy {

    private final CanaryRequest request;
    private final String name;

    /**
     * @param steps the canary weights, e.g. 10..50; the interval is the default (1 minute)
     * @param mode sequential (the default) or fixed
     * @param checks check specs, or empty for the default checks
     */
    EnginePolicy(List<Integer> steps, AnalysisMode mode, List<String> checks) {
        CanaryRequest request = CanaryRequest.of(RouteKind.VIRTUAL_SERVICE, SimulatedCanary.NAMESPACE,
                SimulatedCanary.SERVICE, "v1", "v2", steps);
        if (!checks.isEmpty()) {
            request = request.withChecks(checks);
        }
        this.request = request.withAnalysis(mode, null);
        this.name = name(mode);
    }

    /** The row's name for the engine in {@code mode}. */
    static String name(AnalysisMode mode) {
        return mode == CanaryRequest.DEFAULT_ANALYSIS ? "ours (" + mode.name().toLowerCase() + ", default)"
                : "ours (" + mode.name().toLowerCase() + ")";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SimulatedCanary.End run(SimulatedCanary canary) {
        HealthCanaryAnalysis analysis = new HealthCanaryAnalysis(request.analysis(), canary.observer(), null,
                SimulatedCanary.STABLE_SELECTOR, SimulatedCanary.CANARY_SELECTOR);
        RolloutDriver driver = new RolloutDriver(new InMemoryRouteControl(canary), analysis, canary.clock(),
                RolloutListener.NONE);
        RolloutDriver.Progress progress = driver.advance(RolloutState.start("bench", request.plan(), canary.start()));
        while (!progress.isDone()) {
            canary.advanceTo(progress.wakeAt());
            progress = driver.advance(progress.state());
        }
        Outcome outcome = progress.state().outcome();
        return switch (outcome) {
            case PROMOTED -> canary.promoted();
            case ROLLED_BACK, ABORTED -> canary.restored();
            // restored by default (--on-inconclusive restore): nothing was known against the canary; a rollout
            // its pre-flight refused (too little traffic to ever judge it) wrote nothing and is counted with them
            case INCONCLUSIVE, NOT_STARTED -> canary.restoredInconclusive();
            default -> throw new IllegalStateException("unexpected outcome " + outcome + ": "
                    + progress.state().reason());
        };
    }
}
