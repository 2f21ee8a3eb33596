package io.jenkins.plugins.mesh.cli.bench;

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
 * {@link CanaryRequest} that sets only the steps and the interval (default checks, limits and minimum requests),
 * reading the simulator's in-process metrics.
 */
final class EnginePolicy implements CanaryPolicy {

    private final CanaryRequest request;

    /** @param steps the canary weights, e.g. 10..50; the interval is the default (1 minute) */
    EnginePolicy(List<Integer> steps) {
        this.request = CanaryRequest.of(RouteKind.VIRTUAL_SERVICE, SimulatedCanary.NAMESPACE, SimulatedCanary.SERVICE,
                "v1", "v2", steps);
    }

    @Override
    public String name() {
        return "ours (default)";
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
        if (outcome == Outcome.PROMOTED) {
            return canary.promoted();
        }
        if (outcome == Outcome.ROLLED_BACK || outcome == Outcome.ABORTED) {
            return canary.restored();
        }
        throw new IllegalStateException("unexpected outcome " + outcome + ": " + progress.state().reason());
    }
}
