package io.jenkins.plugins.mesh.simulator.resilience;

import io.jenkins.plugins.mesh.engine.rollout.RolloutListener;
import io.jenkins.plugins.mesh.engine.rollout.RolloutState;
import io.jenkins.plugins.mesh.engine.rollout.RolloutStateJson;
import io.jenkins.plugins.mesh.simulator.SimulatedRolloutRunner;
import io.jenkins.plugins.mesh.simulator.SimulationClock;
import java.time.Instant;
import java.util.List;

/**
 * The persistence of a driver that dies: it stores every state as JSON, as Jenkins does, and throws {@link Crash}
 * right after storing state number {@code dieAt}, which stops the driver dead as a process crash would.
 */
class CrashingListener implements RolloutListener {

    /** Thrown to stop the driver; nothing catches it but the suite. */
    static final class Crash extends RuntimeException {
        Crash() {
            super("crash", null, false, false);
        }
    }

    private final RolloutStateJson json;
    private final List<String> persisted;
    private final int dieAt;

    /**
     * @param persisted where the JSON of each state goes
     * @param dieAt the index of the state after whose storing the driver dies; -1 for never
     */
    CrashingListener(RolloutStateJson json, List<String> persisted, int dieAt) {
        this.json = json;
        this.persisted = persisted;
        this.dieAt = dieAt;
    }

    @Override
    public void onState(RolloutState state) {
        persisted.add(json.write(state));
        if (persisted.size() - 1 == dieAt) {
            throw new Crash();
        }
    }

    /**
     * Asks {@code runner} to abort at {@code start + seconds}, or now if that has passed: an abort lost with the
     * crashed driver (not yet persisted) is asked for again, as the person would. Nothing when {@code seconds} is null.
     */
    static void abortAgain(SimulatedRolloutRunner runner, SimulationClock clock, Instant start, Integer seconds) {
        if (seconds != null) {
            Instant abortAt = start.plusSeconds(seconds);
            runner.abortAt(abortAt.isAfter(clock.instant()) ? abortAt : clock.instant(), "alice");
        }
    }
}
