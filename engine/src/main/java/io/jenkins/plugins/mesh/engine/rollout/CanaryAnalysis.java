package io.jenkins.plugins.mesh.engine.rollout;

import java.time.Instant;

/** The rollout's eyes: judges the canary from its metrics over one window. */
public interface CanaryAnalysis {

    /**
     * Analyses the canary while it held {@code weight} percent, over {@code windowStart .. at}. Metric errors may be
     * thrown; the rollout counts them as inconclusive, never as a pass.
     */
    StepAnalysis analyse(int weight, Instant windowStart, Instant at) throws Exception;

    /**
     * The same, knowing when the canary first got traffic, so comparisons with the stable version can use all the
     * evidence gathered since. By default only the current step's window is used.
     */
    default StepAnalysis analyse(int weight, Instant windowStart, Instant at, Instant canarySince) throws Exception {
        return analyse(weight, windowStart, at);
    }
}
