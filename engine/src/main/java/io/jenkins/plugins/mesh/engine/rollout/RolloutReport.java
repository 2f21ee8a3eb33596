package io.jenkins.plugins.mesh.engine.rollout;

import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a finished (or running) rollout did, for people and tools: the JSON report of `mesh canary --report` and
 * of the Jenkins build page.
 *
 * @param outcome how it ended (null while running)
 * @param target what was rolled out
 * @param reason why it ended as it did
 * @param steps each weight the canary held, with when and the verdict that ended it
 * @param checks every check result, in order
 * @param restored whether the routes are as they were before the rollout (restored and verified, or never written)
 * @param durationMs from start to end (or to now while running)
 * @param timeline every event
 */
public record RolloutReport(Outcome outcome, String target, String reason, List<Step> steps, List<Check> checks,
        boolean restored, long durationMs, List<TimelineEvent> timeline) {

    /** One weight the canary held. */
    public record Step(int weight, Instant at, Verdict verdict, int analyses) {
    }

    /** One check result at one analysis. */
    public record Check(Instant at, int weight, String name, Double value, String threshold, Verdict verdict,
            String detail) {
    }

    public RolloutReport {
        steps = List.copyOf(steps);
        checks = List.copyOf(checks);
        timeline = List.copyOf(timeline);
    }

    /** The report of {@code state}; {@code now} ends the duration of a rollout still running. */
    public static RolloutReport of(RolloutState state, Instant now) {
        List<Step> steps = new ArrayList<>();
        for (TimelineEvent event : state.timeline()) {
            if (event.type() == TimelineEvent.Type.WEIGHT_SET) {
                steps.add(new Step(event.weight(), event.at(), null, 0));
            }
        }
        List<Check> checks = new ArrayList<>();
        for (StepAnalysis analysis : state.analyses()) {
            for (CheckSummary check : analysis.checks()) {
                checks.add(new Check(analysis.at(), analysis.weight(), check.name(), check.value(), check.threshold(),
                        check.verdict(), check.detail()));
            }
            int index = lastStepWith(steps, analysis.weight());
            if (index >= 0) {
                Step step = steps.get(index);
                steps.set(index, new Step(step.weight(), step.at(), analysis.verdict(), step.analyses() + 1));
            }
        }
        Outcome outcome = state.outcome();
        // an INCONCLUSIVE rollout restored the routes, or held them (onInconclusive hold): its timeline tells which
        boolean restored = outcome == Outcome.ROLLED_BACK || outcome == Outcome.ABORTED
                || outcome == Outcome.NOT_STARTED || (outcome == Outcome.INCONCLUSIVE && state.timeline().stream()
                        .anyMatch(event -> event.type() == TimelineEvent.Type.RESTORED));
        Instant end = state.endedAt() != null ? state.endedAt() : now;
        return new RolloutReport(outcome, state.target(), state.reason(), steps, checks, restored,
                Duration.between(state.startedAt(), end).toMillis(), state.timeline());
    }

    private static int lastStepWith(List<Step> steps, int weight) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i).weight() == weight) {
                return i;
            }
        }
        return -1;
    }
}
