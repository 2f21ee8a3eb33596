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

    /**
     * One stage of the rollout: a weight the canary held, or a mirror or A/B phase ({@code phase} names it, e.g.
     * {@code mirror 10%}; null for a weighted step).
     */
    public record Step(int weight, Instant at, Verdict verdict, int analyses, String phase) {

        public Step(int weight, Instant at, Verdict verdict, int analyses) {
            this(weight, at, verdict, analyses, null);
        }
    }

    /** One check result at one analysis, in the phase {@code phase} (null: a weighted step). */
    public record Check(Instant at, int weight, String name, Double value, String threshold, Verdict verdict,
            String detail, String phase) {

        public Check(Instant at, int weight, String name, Double value, String threshold, Verdict verdict,
                String detail) {
            this(at, weight, name, value, threshold, verdict, detail, null);
        }
    }

    public RolloutReport {
        steps = List.copyOf(steps);
        checks = List.copyOf(checks);
        timeline = List.copyOf(timeline);
    }

    /** The report of {@code state}; {@code now} ends the duration of a rollout still running. */
    public static RolloutReport of(RolloutState state, Instant now) {
        List<Step> steps = new ArrayList<>();
        List<Stage> stages = state.plan().stages();
        for (TimelineEvent event : state.timeline()) {
            if (event.type() == TimelineEvent.Type.WEIGHT_SET) {
                // Stages are entered in order, each once: the k-th weight set entered the k-th stage.
                Stage stage = steps.size() < stages.size() ? stages.get(steps.size()) : null;
                String phase = stage == null || stage.kind() == Stage.Kind.WEIGHT ? null
                        : stage.label(state.plan().phases());
                steps.add(new Step(event.weight(), event.at(), null, 0, phase));
            }
        }
        List<Check> checks = new ArrayList<>();
        for (StepAnalysis analysis : state.analyses()) {
            for (CheckSummary check : analysis.checks()) {
                checks.add(new Check(analysis.at(), analysis.weight(), check.name(), check.value(), check.threshold(),
                        check.verdict(), check.detail(), analysis.phase()));
            }
            int index = stepOf(steps, analysis);
            if (index >= 0) {
                Step step = steps.get(index);
                steps.set(index, new Step(step.weight(), step.at(), analysis.verdict(), step.analyses() + 1,
                        step.phase()));
            }
        }
        Outcome outcome = state.outcome();
        // An INCONCLUSIVE rollout restored its routes unless it was asked to hold them.
        boolean restored = outcome == Outcome.ROLLED_BACK || outcome == Outcome.ABORTED
                || outcome == Outcome.NOT_STARTED || outcome == Outcome.INCONCLUSIVE
                && state.timeline().stream().anyMatch(event -> event.type() == TimelineEvent.Type.RESTORED);
        Instant end = state.endedAt() != null ? state.endedAt() : now;
        return new RolloutReport(outcome, state.target(), state.reason(), steps, checks, restored,
                Duration.between(state.startedAt(), end).toMillis(), state.timeline());
    }

    /**
     * The stage an analysis judged: the last one with its weight entered before it (the next stage may be entered
     * at the very instant of the analysis that passed the one before).
     */
    private static int stepOf(List<Step> steps, StepAnalysis analysis) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            Step step = steps.get(i);
            if (step.at().isBefore(analysis.at()) && step.weight() == analysis.weight()) {
                return i;
            }
        }
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i).weight() == analysis.weight()) {
                return i;
            }
        }
        return -1;
    }
}
