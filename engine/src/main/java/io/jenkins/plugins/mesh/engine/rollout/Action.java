package io.jenkins.plugins.mesh.engine.rollout;

import java.time.Instant;
import java.util.List;

/** What the state machine asks the driver to do next. Every action is safe to repeat after a crash. */
public sealed interface Action {

    /** Take the route's lease and store the snapshot of what will change. */
    record Acquire() implements Action {
    }

    /**
     * Set the canary to {@code weight} percent and the stable to the rest, with exactly the route changes
     * {@code changes} of the rollout in place: those missing are added, those an earlier stage added and this one
     * does not keep are taken away (no write where the route already is so).
     */
    record SetWeight(int weight, List<io.jenkins.plugins.mesh.engine.traffic.RouteChange> changes)
            implements Action {

        public SetWeight {
            changes = changes == null ? List.of() : List.copyOf(changes);
        }

        /** Weights only. */
        public SetWeight(int weight) {
            this(weight, List.of());
        }
    }

    /**
     * Analyse the canary's metrics over {@code windowStart .. at}, while it had {@code weight} percent; comparisons
     * with the stable version may also look back to {@code canarySince}, when the canary first got traffic. With
     * {@code stepStarts} (when each weight took effect), the sequential comparisons judge every stretch; an
     * {@code interim} look comes before the interval's end and only counts when it is conclusive.
     */
    record Analyse(int weight, Instant windowStart, Instant at, Instant canarySince, List<Instant> stepStarts,
            boolean interim) implements Action {

        public Analyse {
            stepStarts = stepStarts == null ? List.of() : List.copyOf(stepStarts);
        }

        /** The analysis at the end of an interval, with no sequential look. */
        public Analyse(int weight, Instant windowStart, Instant at, Instant canarySince) {
            this(weight, windowStart, at, canarySince, List.of(), false);
        }

        /**
         * The stretches of constant weight since the canary started, oldest first, the last ending at {@code at};
         * empty when the analysis is not sequential.
         */
        public List<io.jenkins.plugins.mesh.engine.analysis.TrafficSegment> segments() {
            List<io.jenkins.plugins.mesh.engine.analysis.TrafficSegment> segments = new java.util.ArrayList<>();
            for (int i = 0; i < stepStarts.size(); i++) {
                Instant from = stepStarts.get(i);
                Instant to = i + 1 < stepStarts.size() ? stepStarts.get(i + 1) : at;
                if (to.isAfter(from)) {
                    segments.add(new io.jenkins.plugins.mesh.engine.analysis.TrafficSegment(from, to));
                }
            }
            return segments;
        }
    }

    /** Read the service's current request rate before anything is written, to estimate the first step's length. */
    record PreFlight(int firstWeight, Instant at) implements Action {
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
