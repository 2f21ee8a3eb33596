package io.jenkins.plugins.mesh.engine.rollout;

/**
 * What the driver tells the state machine: that time passed, or how the action it was asked to do went.
 * The state machine never does I/O; the driver does, and reports back with one of these.
 */
public sealed interface Observation {

    /** Time passed (a timer fired, or the rollout was resumed after a restart). */
    record Tick() implements Observation {
    }

    /** The service's request rate was read before the first write; null when it could not be estimated. */
    record TrafficEstimated(TrafficEstimate estimate) implements Observation {
    }

    /** The lease was taken and the snapshot stored. */
    record Started() implements Observation {
    }

    /** The route now holds this canary weight (read back from the cluster). */
    record WeightApplied(int weight) implements Observation {
    }

    /** The metrics of the current step were analysed. */
    record Analysed(StepAnalysis analysis) implements Observation {
    }

    /** All traffic now goes to the canary and the route was released. */
    record Promoted() implements Observation {
    }

    /** The route was marked as held at the last step's weights. */
    record Held() implements Observation {
    }

    /** The snapshot was put back and verified by reading it back. */
    record Restored() implements Observation {
    }

    /** The caller cancelled the rollout (Ctrl-C, the abort button). */
    record AbortRequested(String by) implements Observation {
    }

    /** The current phase's action failed after the I/O layer's own retries. */
    record ActionFailed(String message) implements Observation {
    }
}
