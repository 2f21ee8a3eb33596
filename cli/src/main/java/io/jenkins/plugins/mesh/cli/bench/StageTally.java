package io.jenkins.plugins.mesh.cli.bench;

import io.jenkins.plugins.mesh.engine.rollout.Phase;
import io.jenkins.plugins.mesh.engine.rollout.RolloutListener;
import io.jenkins.plugins.mesh.engine.rollout.RolloutState;
import io.jenkins.plugins.mesh.simulator.MeshVersion;
import io.jenkins.plugins.mesh.simulator.TrafficModel;
import io.jenkins.plugins.mesh.simulator.TrafficTotals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the canary got in each stage of one rollout (mirror phase, A/B phase, each weighted step): the users'
 * requests it answered, how many of them failed, and the mirrored copies it answered for no one. A stage runs from the
 * state that enters it (its route change in force) to the state that leaves it; the traffic model is ticked up to the
 * driver's now before each decision, so the counts read at a state are those of the routing in force until then.
 */
final class StageTally implements RolloutListener {

    /**
     * One stage's figures.
     *
     * @param stage "mirror 20%", "A/B header:x-canary=exact:true", "canary at 10%"
     * @param duration from entering the stage to leaving it
     * @param userRequests user requests the canary answered
     * @param userErrors of those, the failed ones
     * @param allRequests user requests to the service in the stage, both versions
     * @param mirrored copies the canary answered, which reach no one
     * @param mirroredErrors of those, the failed ones
     */
    record Stage(String stage, Duration duration, long userRequests, long userErrors, long allRequests,
            long mirrored, long mirroredErrors) {
    }

    private final TrafficModel model;
    private final Clock clock;
    private final MeshVersion stable;
    private final MeshVersion canary;
    private final List<Stage> stages = new ArrayList<>();
    private String current;
    private Instant since;
    private TrafficTotals userAtStart;
    private TrafficTotals stableAtStart;
    private TrafficTotals mirroredAtStart;

    StageTally(TrafficModel model, Clock clock, MeshVersion stable, MeshVersion canary) {
        this.model = model;
        this.clock = clock;
        this.stable = stable;
        this.canary = canary;
    }

    @Override
    public void onState(RolloutState state) {
        boolean inStage = state.phase() == Phase.WAITING || state.phase() == Phase.ANALYSING;
        String label = inStage ? state.stage().label(state.plan().phases()) : null;
        if (label != null && label.equals(current)) {
            return;
        }
        Instant now = clock.instant();
        close(now);
        if (label != null) {
            current = label;
            since = now;
            userAtStart = model.cumulative(canary);
            stableAtStart = model.cumulative(stable);
            mirroredAtStart = model.cumulativeMirrored(canary);
        }
    }

    private void close(Instant now) {
        if (current == null) {
            return;
        }
        TrafficTotals user = model.cumulative(canary);
        TrafficTotals other = model.cumulative(stable);
        TrafficTotals mirrored = model.cumulativeMirrored(canary);
        long userRequests = user.requests() - userAtStart.requests();
        stages.add(new Stage(current, Duration.between(since, now), userRequests,
                user.errors() - userAtStart.errors(), userRequests + other.requests() - stableAtStart.requests(),
                mirrored.requests() - mirroredAtStart.requests(), mirrored.errors() - mirroredAtStart.errors()));
        current = null;
    }

    /** The stages the rollout went through, in order; call once it ended. */
    List<Stage> stages() {
        return List.copyOf(stages);
    }
}
