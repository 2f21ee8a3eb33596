package io.jenkins.plugins.mesh.engine.analysis;

import java.util.List;

/**
 * A comparison with the stable version that can be judged at any moment, as often as one likes, without more false
 * alarms: the sequential analysis reads it every few seconds and fails the step as soon as it shows a regression
 * (docs/analysis.md).
 */
public interface SequentialGuard extends Check {

    /**
     * Judges all the evidence gathered since the canary started.
     *
     * @param context where to read and when; its window is ignored
     * @param segments the stretches of constant weight, oldest first, the last ending at {@code context.at()}
     * @return FAIL once a regression is shown, PASS once the canary is shown no worse, else INCONCLUSIVE (a rollout
     *     acts on a FAIL at once; a PASS is reported with the step's verdict at its interval's end)
     */
    CheckRecord lookAt(CheckContext context, List<TrafficSegment> segments) throws MetricException;
}
