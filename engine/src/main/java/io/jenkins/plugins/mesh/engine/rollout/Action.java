package io.jenkins.plugins.mesh.engine.rollout;

import java.time.Instant;

/** What the state machine asks the driver to do next. Every action is safe to repeat after a crash. */
public sealed interface Action {

    /** Take the route's lease and store the snapshot of what will change. */
    record Acquire() implements Action {
    }

    /** Set the canary to {@code weight} percent and the stable to the rest (no write if already so). */
    record SetWeight(int weight) implements Action {
    }

    /**
     * Analyse the canary's metrics over {@code windowStart .. at}, while it had {@code weight} percent; comparisons
     * with the stable version may also look back to {@code canarySince}, when the canary first got traffic.
     */
    record Analyse(int weight, Instant windowStart, Instant at, Instant canarySince) implements Action {
    }

    /** Nothing to do before {@code time}; call again then (or earlier, on an abort). */
    record WaitUntil(Instant time) implements Action {
    }

    /** Send all traffic to the canary and release the route. */
    record Promote() implements Action {
    }

    /** Keep the weights, mark the route held, keep the snapshot for a later rollback. */
    record Hold() implements Action {
    }

    /** Put the snapshot back, verify it, release the route. */
    record Restore(String reason) implements Action {
    }

    /** The rollout is over. */
    record Finish(Outcome outcome) implements Action {
    }
}
