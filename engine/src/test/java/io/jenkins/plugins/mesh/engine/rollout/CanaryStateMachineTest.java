package io.jenkins.plugins.mesh.engine.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import io.jenkins.plugins.mesh.engine.rollout.Action.Acquire;
import io.jenkins.plugins.mesh.engine.rollout.Action.Analyse;
import io.jenkins.plugins.mesh.engine.rollout.Action.Finish;
import io.jenkins.plugins.mesh.engine.rollout.Action.Hold;
import io.jenkins.plugins.mesh.engine.rollout.Action.Promote;
import io.jenkins.plugins.mesh.engine.rollout.Action.Restore;
import io.jenkins.plugins.mesh.engine.rollout.Action.SetWeight;
import io.jenkins.plugins.mesh.engine.rollout.Action.WaitUntil;
import io.jenkins.plugins.mesh.engine.rollout.Observation.AbortRequested;
import io.jenkins.plugins.mesh.engine.rollout.Observation.ActionFailed;
import io.jenkins.plugins.mesh.engine.rollout.Observation.Analysed;
import io.jenkins.plugins.mesh.engine.rollout.Observation.Held;
import io.jenkins.plugins.mesh.engine.rollout.Observation.Promoted;
import io.jenkins.plugins.mesh.engine.rollout.Observation.Restored;
import io.jenkins.plugins.mesh.engine.rollout.Observation.Started;
import io.jenkins.plugins.mesh.engine.rollout.Observation.Tick;
import io.jenkins.plugins.mesh.engine.rollout.Observation.WeightApplied;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

public class CanaryStateMachineTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final CanaryStateMachine machine = new CanaryStateMachine();
    private final Rollout rollout = new Rollout();

    /** Feeds observations to the machine with a fake clock, remembering every decision. */
    private final class Rollout {
        RolloutState state;
        Instant now = T0;
        Decision last;

        Rollout plan(CanaryPlan plan) {
            state = RolloutState.start("VirtualService shop/reviews: v1 -> v2", plan, now);
            last = machine.resume(state, now);
            state = last.state();
            assertThat(last.action()).as("the pre-flight comes first").isInstanceOf(Action.PreFlight.class);
            on(new Observation.TrafficEstimated(null));
            return this;
        }

        Action on(Observation observation) {
            last = machine.next(state, observation, now);
            state = last.state();
            return last.action();
        }

        Action at(Duration sinceStart, Observation observation) {
            now = T0.plus(sinceStart);
            return on(observation);
        }

        /** Drives one step from SetWeight to its analysis with the given verdict. */
        Action step(int weight, Verdict verdict) {
            assertThat(last.action()).isEqualTo(new SetWeight(weight));
            Action wait = on(new WeightApplied(weight));
            assertThat(wait).isEqualTo(new WaitUntil(now.plus(state.plan().interval())));
            now = ((WaitUntil) wait).time();
            Action analyse = on(new Tick());
            assertThat(analyse).isInstanceOf(Analyse.class);
            return on(analysedObservation(weight, verdict));
        }

        StepAnalysis analysed(int weight, Verdict verdict) {
            return new StepAnalysis(now, weight, verdict, List.of(new CheckSummary("success-rate>=99",
                    verdict == Verdict.FAIL ? 80.0 : 99.9, ">= 99", verdict, "test")));
        }

        Analysed analysedObservation(int weight, Verdict verdict) {
            return new Analysed(analysed(weight, verdict));
        }
    }

    private static CanaryPlan plan(EndAction end) {
        return CanaryPlan.of(List.of(10, 25, 50), MINUTE, end);
    }

    @Test
    public void healthyCanaryIsPromotedStepByStep() {
        rollout.plan(plan(EndAction.PROMOTE));
        assertThat(rollout.last.action()).isEqualTo(new Acquire());
        assertThat(rollout.on(new Started())).isEqualTo(new SetWeight(10));
        assertThat(rollout.step(10, Verdict.PASS)).isEqualTo(new SetWeight(25));
        assertThat(rollout.step(25, Verdict.PASS)).isEqualTo(new SetWeight(50));
        assertThat(rollout.step(50, Verdict.PASS)).isEqualTo(new Promote());
        assertThat(rollout.on(new Promoted())).isEqualTo(new Finish(Outcome.PROMOTED));
        assertThat(rollout.state.phase()).isEqualTo(Phase.DONE);
        assertThat(rollout.state.weight()).isEqualTo(100);
        assertThat(rollout.state.analyses()).hasSize(3);
        assertThat(rollout.state.endedAt()).isEqualTo(T0.plus(MINUTE.multipliedBy(3)));
    }

    @Test
    public void analysisWindowStartsWhenTheWeightTookEffect() {
        rollout.plan(plan(EndAction.PROMOTE));
        rollout.on(new Started());
        rollout.at(Duration.ofSeconds(5), new WeightApplied(10));
        assertThat(rollout.at(Duration.ofSeconds(30), new Tick()))
                .as("not due yet").isEqualTo(new WaitUntil(T0.plus(Duration.ofSeconds(65))));
        assertThat(rollout.at(Duration.ofSeconds(65), new Tick()))
                .isEqualTo(new Analyse(10, T0.plusSeconds(5), T0.plusSeconds(65), T0.plusSeconds(5)));
    }

    @Test
    public void holdKeepsTheLastWeight() {
        rollout.plan(plan(EndAction.HOLD));
        rollout.on(new Started());
        rollout.step(10, Verdict.PASS);
        rollout.step(25, Verdict.PASS);
        assertThat(rollout.step(50, Verdict.PASS)).isEqualTo(new Hold());
        assertThat(rollout.on(new Held())).isEqualTo(new Finish(Outcome.HELD));
        assertThat(rollout.state.weight()).isEqualTo(50);
        assertThat(rollout.state.outcome().isSuccess()).isTrue();
    }

    @Test
    public void failedCheckRestoresAndSaysWhichCheckWithItsValue() {
        rollout.plan(plan(EndAction.PROMOTE));
        rollout.on(new Started());
        rollout.step(10, Verdict.PASS);
        Action action = rollout.step(25, Verdict.FAIL);
        assertThat(action).isInstanceOf(Restore.class);
        assertThat(((Restore) action).reason()).contains("failed at 25%").contains("success-rate>=99 = 80 (>= 99)");
        assertThat(rollout.on(new Restored())).isEqualTo(new Finish(Outcome.ROLLED_BACK));
        assertThat(rollout.state.weight()).isZero();
        assertThat(rollout.state.reason()).contains("success-rate>=99 = 80");
        assertThat(RolloutReport.of(rollout.state, rollout.now).restored()).isTrue();
    }

    @Test
    public void failureLimitToleratesEarlierFailures() {
        rollout.plan(plan(EndAction.PROMOTE).withFailureLimit(2));
        rollout.on(new Started());
        Action afterFirstFailure = rollout.step(10, Verdict.FAIL);
        assertThat(afterFirstFailure).as("holds the weight and analyses again")
                .isEqualTo(new WaitUntil(rollout.now.plus(MINUTE)));
        rollout.now = ((WaitUntil) afterFirstFailure).time();
        assertThat(rollout.on(new Tick())).isEqualTo(new Analyse(10, T0, rollout.now, T0));
        assertThat(rollout.on(rollout.analysedObservation(10, Verdict.FAIL))).isInstanceOf(Restore.class);
        assertThat(rollout.state.failures()).isEqualTo(2);
    }

    @Test
    public void inconclusiveAnalysesHoldTheStepUntilTheirLimit() {
        rollout.plan(plan(EndAction.PROMOTE).withInconclusiveLimit(3));
        rollout.on(new Started());
        assertThat(rollout.step(10, Verdict.INCONCLUSIVE)).isInstanceOf(WaitUntil.class);
        for (int i = 0; i < 1; i++) {
            rollout.now = rollout.state.nextAt();
            rollout.on(new Tick());
            assertThat(rollout.on(rollout.analysedObservation(10, Verdict.INCONCLUSIVE))).isInstanceOf(WaitUntil.class);
        }
        rollout.now = rollout.state.nextAt();
        rollout.on(new Tick());
        assertThat(rollout.on(rollout.analysedObservation(10, Verdict.PASS)))
                .as("a pass resets the count and advances").isEqualTo(new SetWeight(25));
        assertThat(rollout.state.inconclusiveInARow()).isZero();
        Action action = rollout.step(25, Verdict.INCONCLUSIVE);
        for (int i = 0; i < 2; i++) {
            rollout.now = rollout.state.nextAt();
            rollout.on(new Tick());
            action = rollout.on(rollout.analysedObservation(25, Verdict.INCONCLUSIVE));
        }
        assertThat(action).isInstanceOf(Restore.class);
        assertThat(rollout.state.reason()).contains("3 analyses in a row could not judge the canary at 25%")
                .contains("a larger first step");
        assertThat(rollout.on(new Restored())).isEqualTo(new Finish(Outcome.INCONCLUSIVE));
        assertThat(Outcome.INCONCLUSIVE.exitCode()).isEqualTo(4);
        assertThat(Outcome.INCONCLUSIVE.isSuccess()).isFalse();
        assertThat(rollout.state.failures()).as("inconclusive is never a failure").isZero();
    }

    @Test
    public void unreadableMetricsAreInconclusiveNeverAPass() {
        rollout.plan(plan(EndAction.PROMOTE));
        rollout.on(new Started());
        rollout.on(new WeightApplied(10));
        rollout.now = rollout.state.nextAt();
        rollout.on(new Tick());
        assertThat(rollout.on(new ActionFailed("Prometheus at http://127.0.0.1:9 is unreachable")))
                .isInstanceOf(WaitUntil.class);
        assertThat(rollout.state.lastAnalysis().verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(rollout.state.lastAnalysis().checks().get(0).detail()).contains("unreachable");
        assertThat(rollout.state.stepIndex()).isZero();
    }

    @Test
    public void abortBeforeAnyWriteFinishesAtOnce() {
        rollout.plan(plan(EndAction.PROMOTE));
        assertThat(rollout.on(new AbortRequested("alice"))).isEqualTo(new Finish(Outcome.ABORTED));
        assertThat(rollout.state.reason()).contains("alice").contains("before anything was written");
    }

    @Test
    public void abortInEveryWritingPhaseRestores() {
        for (int phaseAfterSteps = 0; phaseAfterSteps < 4; phaseAfterSteps++) {
            Rollout r = new Rollout().plan(plan(EndAction.PROMOTE));
            r.on(new Started());
            if (phaseAfterSteps >= 1) {
                r.on(new WeightApplied(10)); // WAITING
            }
            if (phaseAfterSteps >= 2) {
                r.now = r.state.nextAt();
                r.on(new Tick()); // ANALYSING
            }
            if (phaseAfterSteps >= 3) {
                r.on(r.analysedObservation(10, Verdict.PASS)); // SHIFTING to 25
            }
            Phase before = r.state.phase();
            Action action = r.on(new AbortRequested("bob"));
            assertThat(action).as("abort in " + before).isInstanceOf(Restore.class);
            assertThat(r.on(new Restored())).isEqualTo(new Finish(Outcome.ABORTED));
            assertThat(r.state.reason()).isEqualTo("aborted by bob");
        }
    }

    @Test
    public void abortDuringRestoreKeepsRestoring() {
        rollout.plan(plan(EndAction.PROMOTE));
        rollout.on(new Started());
        rollout.step(10, Verdict.FAIL);
        assertThat(rollout.on(new AbortRequested("carol"))).isInstanceOf(Restore.class);
        assertThat(rollout.state.restoreCause()).as("the first cause stays").isEqualTo(Outcome.ROLLED_BACK);
    }

    @Test
    public void deadlineRollsBack() {
        rollout.plan(plan(EndAction.PROMOTE).withDeadline(Duration.ofMinutes(2)));
        rollout.on(new Started());
        rollout.step(10, Verdict.INCONCLUSIVE);
        Action action = rollout.at(Duration.ofMinutes(2), new Tick());
        assertThat(action).isInstanceOf(Restore.class);
        assertThat(rollout.state.reason()).contains("deadline of 2m passed at 10%");
    }

    @Test
    public void lockedRouteMeansNothingStarted() {
        rollout.plan(plan(EndAction.PROMOTE));
        assertThat(rollout.on(new ActionFailed("VirtualService shop/reviews is locked by build #7")))
                .isEqualTo(new Finish(Outcome.NOT_STARTED));
        assertThat(rollout.state.reason()).contains("locked by build #7").contains("nothing was written");
        assertThat(Outcome.NOT_STARTED.exitCode()).isEqualTo(2);
    }

    @Test
    public void writeErrorsRestore() {
        rollout.plan(plan(EndAction.PROMOTE));
        rollout.on(new Started());
        assertThat(rollout.on(new ActionFailed("API server answered 500 five times"))).isInstanceOf(Restore.class);
        assertThat(rollout.state.reason()).contains("could not set the canary to 10%").contains("500");

        Rollout promoting = new Rollout().plan(plan(EndAction.PROMOTE));
        promoting.on(new Started());
        promoting.step(10, Verdict.PASS);
        promoting.step(25, Verdict.PASS);
        promoting.step(50, Verdict.PASS);
        assertThat(promoting.on(new ActionFailed("timeout"))).isInstanceOf(Restore.class);
        assertThat(promoting.state.reason()).contains("could not promote");
    }

    @Test
    public void restoreRetriesWithBackoffThenEndsPending() {
        rollout.plan(plan(EndAction.PROMOTE));
        rollout.on(new Started());
        rollout.step(10, Verdict.FAIL);
        Duration expected = Duration.ofSeconds(1);
        for (int attempt = 1; attempt < CanaryStateMachine.MAX_RESTORE_ATTEMPTS; attempt++) {
            Action wait = rollout.on(new ActionFailed("connection refused"));
            assertThat(wait).isEqualTo(new WaitUntil(rollout.now.plus(expected)));
            assertThat(rollout.on(new Tick())).as("not before the backoff").isInstanceOf(WaitUntil.class);
            rollout.now = ((WaitUntil) wait).time();
            assertThat(rollout.on(new Tick())).isInstanceOf(Restore.class);
            expected = expected.multipliedBy(2);
        }
        assertThat(rollout.on(new ActionFailed("connection refused"))).isEqualTo(new Finish(Outcome.RESTORE_PENDING));
        assertThat(rollout.state.reason()).contains("mesh rollback").contains("failed 5 times");
        assertThat(Outcome.RESTORE_PENDING.exitCode()).isEqualTo(3);
        assertThat(RolloutReport.of(rollout.state, rollout.now).restored()).isFalse();
    }

    @Test
    public void finishedRolloutIgnoresEverything() {
        rollout.plan(plan(EndAction.PROMOTE));
        rollout.on(new AbortRequested("x"));
        RolloutState done = rollout.state;
        for (Observation o : List.of(new Tick(), new Started(), new Restored(), new ActionFailed("late"),
                new AbortRequested("y"))) {
            assertThat(rollout.on(o)).isEqualTo(new Finish(Outcome.ABORTED));
            assertThat(rollout.state).isEqualTo(done);
        }
    }

    @Test
    public void staleObservationsRepeatTheCurrentAction() {
        rollout.plan(plan(EndAction.PROMOTE));
        rollout.on(new Started());
        assertThat(rollout.on(new WeightApplied(25))).as("not the weight asked for").isEqualTo(new SetWeight(10));
        rollout.on(new WeightApplied(10));
        rollout.now = rollout.state.nextAt();
        rollout.on(new Tick());
        assertThat(rollout.on(rollout.analysedObservation(50, Verdict.PASS)))
                .as("an analysis of another weight does not count").isInstanceOf(Analyse.class);
    }

    @Test
    public void planRejectsNonsense() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CanaryPlan.of(List.of(), MINUTE, EndAction.PROMOTE))
                .hasMessageContaining("at least one step");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CanaryPlan.of(List.of(10, 5), MINUTE,
                EndAction.PROMOTE)).hasMessageContaining("must increase");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CanaryPlan.of(List.of(101), MINUTE,
                EndAction.PROMOTE)).hasMessageContaining("outside 1..100");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CanaryPlan.of(List.of(10), Duration.ZERO,
                EndAction.PROMOTE)).hasMessageContaining("interval must be positive");
        assertThat(CanaryPlan.linearSteps(10, 50)).containsExactly(10, 20, 30, 40, 50);
        assertThat(CanaryPlan.linearSteps(20, 50)).containsExactly(20, 40, 50);
    }
}
