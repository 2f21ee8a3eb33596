package io.jenkins.plugins.mesh.simulator;

import io.jenkins.plugins.mesh.engine.rollout.RolloutDriver;
import io.jenkins.plugins.mesh.engine.rollout.RolloutState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Plays a rollout in simulated time: whenever the rollout waits, the clock jumps to its wake-up time and the traffic
 * models generate the requests of the time in between (following the weights the rollout set). A 20-minute canary
 * takes milliseconds, with the same decisions it would take in real time.
 */
public final class SimulatedRolloutRunner {

    private final SimulationClock clock;
    private final List<TrafficModel> models;
    private Instant abortAt;
    private String abortBy = "the simulation";

    /**
     * @param clock the clock the driver, the models and the observer share
     * @param models the traffic that follows the live weights (ticked up to every wake-up)
     */
    public SimulatedRolloutRunner(SimulationClock clock, List<TrafficModel> models) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.models = List.copyOf(models);
    }

    /** Asks the rollout to abort at the first wake-up at or after {@code time}, as Ctrl-C or the abort button. */
    public SimulatedRolloutRunner abortAt(Instant time, String by) {
        this.abortAt = time;
        this.abortBy = by;
        return this;
    }

    /** Runs {@code state} to its end and returns the final state. */
    public RolloutState run(RolloutDriver driver, RolloutState state) {
        tickModels();
        RolloutDriver.Progress progress = driver.advance(state);
        while (!progress.isDone()) {
            Instant wake = progress.wakeAt();
            if (abortAt != null && !wake.isBefore(abortAt)) {
                clock.advanceTo(max(abortAt, clock.instant()));
                tickModels();
                abortAt = null;
                progress = driver.abort(progress.state(), abortBy);
                continue;
            }
            clock.advanceTo(max(wake, clock.instant()));
            tickModels();
            progress = driver.advance(progress.state());
        }
        return progress.state();
    }

    private void tickModels() {
        for (TrafficModel model : models) {
            model.tick();
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
