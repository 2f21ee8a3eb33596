package io.jenkins.plugins.mesh.engine.rollout;

import java.time.Instant;

/** The rollout's eyes: judges the canary from its metrics over one window. */
public interface CanaryAnalysis {

    /**
     * Analyses the canary while it held {@code weight} percent, over {@code windowStart .. at}. Metric errors may be
     * thrown; the rollout counts them as inconclusive, never as a pass.
     */
    StepAnalysis analyse(int weight, Instant windowStart, Instant at) throws Exception;
}
