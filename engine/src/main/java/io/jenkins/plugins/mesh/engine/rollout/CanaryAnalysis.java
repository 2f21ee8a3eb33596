package io.jenkins.plugins.mesh.engine.rollout;

import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import java.time.Instant;
import java.util.List;

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

    /**
     * Analyses as {@code look} asks: at the end of an interval (by default {@link #analyse(int, Instant, Instant,
     * Instant)}), or an interim sequential look, which an analysis without sequential tests answers with an
     * INCONCLUSIVE that changes nothing.
     */
    default StepAnalysis analyse(Action.Analyse look) throws Exception {
        if (look.interim()) {
            return new StepAnalysis(look.at(), look.weight(), Verdict.INCONCLUSIVE, List.of());
        }
        return analyse(look.weight(), look.windowStart(), look.at(), look.canarySince());
    }

    /**
     * The traffic pre-flight: reads the service's current request rate before anything is written. Null (the
     * default) when this analysis cannot tell; the rollout then goes on without an estimate.
     */
    default TrafficEstimate preFlight(int firstWeight, Instant at) throws Exception {
        return null;
    }
}
