package io.jenkins.plugins.mesh.engine.rollout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a rollout needs to go on after a restart, as a small immutable value that round-trips through JSON
 * ({@link RolloutStateJson}). The driver persists it after every decision.
 *
 * @param target what is rolled out, for people (e.g. "VirtualService bookinfo/reviews route primary: v1 -> v2")
 * @param plan the steps, interval, limits, end action and deadline
 * @param phase where the rollout stands
 * @param stepIndex index into {@link CanaryPlan#stages()} of the current (or next) stage: the mirror phase, the
 *     A/B phase, then each weighted step
 * @param weight the canary weight last confirmed on the route; 0 before the first step and during the phases
 * @param failures failed analyses so far
 * @param inconclusiveInARow inconclusive analyses in a row at the current step
 * @param restoreAttempts failed restore attempts so far
 * @param startedAt when the rollout began
 * @param stepStartedAt when the current weight took effect (start of the analysis window)
 * @param nextAt when the next analysis (WAITING) or the next restore attempt (RESTORING) is due
 * @param restoreCause the outcome a successful restore leads to: ROLLED_BACK or ABORTED
 * @param reason why the rollout is restoring or ended as it did
 * @param outcome the outcome, once DONE
 * @param endedAt when it ended
 * @param analyses every analysis, in order
 * @param timeline every event, in order
 * @param lookAt when the next sequential look at the current stage is due (null: one sample period after the stage
 *     started); what a resumed rollout waits for, as the one that persisted it did
 */
public record RolloutState(String target, CanaryPlan plan, Phase phase, int stepIndex, int weight, int failures,
        int inconclusiveInARow, int restoreAttempts, Instant startedAt, Instant stepStartedAt, Instant nextAt,
        Outcome restoreCause, String reason, Outcome outcome, Instant endedAt, List<StepAnalysis> analyses,
        List<TimelineEvent> timeline, Instant lookAt) {

    public RolloutState {
        analyses = List.copyOf(analyses);
        timeline = List.copyOf(timeline);
    }

    /** A rollout that has not written anything yet. */
    public static RolloutState start(String target, CanaryPlan plan, Instant now) {
        return new RolloutState(target, plan, Phase.STARTING, 0, 0, 0, 0, 0, now, null, null, null, null, null,
                null, List.of(), List.of(), null);
    }

    /** The current (or next) stage: a mirror phase, an A/B phase or a weighted step. */
    public Stage stage() {
        return plan.stages().get(stepIndex);
    }

    /** The canary weight of the current stage on the managed route (0 in the mirror and A/B phases). */
    public int stepWeight() {
        return stage().weight();
    }

    public boolean isLastStep() {
        return stepIndex == plan.stages().size() - 1;
    }

    /** "at 25%", or "in the mirror 10% phase": where the rollout stands, for messages. */
    public String where() {
        Stage stage = stage();
        return stage.kind() == Stage.Kind.WEIGHT ? "at " + weight + "%"
                : "in the " + stage.label(plan.phases()) + " phase";
    }

    /** When the canary first got traffic (its first weight took effect), or null before that. */
    public Instant canaryStartedAt() {
        for (TimelineEvent event : timeline) {
            if (event.type() == TimelineEvent.Type.WEIGHT_SET) {
                return event.at();
            }
        }
        return stepStartedAt;
    }

    /** The last analysis, or null before the first. */
    public StepAnalysis lastAnalysis() {
        return analyses.isEmpty() ? null : analyses.get(analyses.size() - 1);
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a copy field by field; the state machine's only way to make a new state. */
    static final class Builder {
        private final RolloutState from;
        private Phase phase;
        private int stepIndex;
        private int weight;
        private int failures;
        private int inconclusiveInARow;
        private int restoreAttempts;
        private Instant stepStartedAt;
        private Instant nextAt;
        private Outcome restoreCause;
        private String reason;
        private Outcome outcome;
        private Instant endedAt;
        private final List<StepAnalysis> analyses;
        private final List<TimelineEvent> timeline;
        private Instant lookAt;

        private Builder(RolloutState from) {
            this.from = from;
            phase = from.phase;
            stepIndex = from.stepIndex;
            weight = from.weight;
            failures = from.failures;
            inconclusiveInARow = from.inconclusiveInARow;
            restoreAttempts = from.restoreAttempts;
            stepStartedAt = from.stepStartedAt;
            nextAt = from.nextAt;
            restoreCause = from.restoreCause;
            reason = from.reason;
            outcome = from.outcome;
            endedAt = from.endedAt;
            analyses = new ArrayList<>(from.analyses);
            timeline = new ArrayList<>(from.timeline);
            lookAt = from.lookAt;
        }

        Builder lookAt(Instant value) {
            lookAt = value;
            return this;
        }

        Builder phase(Phase value) {
            phase = value;
            return this;
        }

        Builder stepIndex(int value) {
            stepIndex = value;
            return this;
        }

        Builder weight(int value) {
            weight = value;
            return this;
        }

        Builder failures(int value) {
            failures = value;
            return this;
        }

        Builder inconclusiveInARow(int value) {
            inconclusiveInARow = value;
            return this;
        }

        Builder restoreAttempts(int value) {
            restoreAttempts = value;
            return this;
        }

        Builder stepStartedAt(Instant value) {
            stepStartedAt = value;
            return this;
        }

        Builder nextAt(Instant value) {
            nextAt = value;
            return this;
        }

        Builder restoreCause(Outcome value) {
            restoreCause = value;
            return this;
        }

        Builder reason(String value) {
            reason = value;
            return this;
        }

        Builder outcome(Outcome value) {
            outcome = value;
            return this;
        }

        Builder endedAt(Instant value) {
            endedAt = value;
            return this;
        }

        Builder analysis(StepAnalysis value) {
            analyses.add(value);
            return this;
        }

        Builder event(Instant at, TimelineEvent.Type type, int eventWeight, String message) {
            timeline.add(new TimelineEvent(at, type, eventWeight, message));
            return this;
        }

        RolloutState build() {
            return new RolloutState(from.target, from.plan, phase, stepIndex, weight, failures, inconclusiveInARow,
                    restoreAttempts, from.startedAt, stepStartedAt, nextAt, restoreCause, reason, outcome, endedAt,
                    analyses, timeline, lookAt);
        }
    }
}
