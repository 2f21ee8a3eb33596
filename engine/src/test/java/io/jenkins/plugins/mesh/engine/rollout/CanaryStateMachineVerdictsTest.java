package io.jenkins.plugins.mesh.engine.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import io.jenkins.plugins.mesh.engine.rollout.Action.Analyse;
import io.jenkins.plugins.mesh.engine.rollout.Action.WaitUntil;
import io.jenkins.plugins.mesh.engine.rollout.Observation.Analysed;
import io.jenkins.plugins.mesh.engine.rollout.Observation.Tick;
import io.jenkins.plugins.mesh.engine.rollout.Observation.TrafficEstimated;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

/** The sequential looks, the traffic pre-flight and the INCONCLUSIVE outcome, with a fake clock. */
public class CanaryStateMachineVerdictsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration EVERY = Duration.ofSeconds(10);

    private final CanaryStateMachine machine = new CanaryStateMachine();
    private RolloutState state;
    private Instant now = T0;

    private Action start(CanaryPlan plan, TrafficEstimate estimate) {
        state = RolloutState.start("VirtualService shop/reviews: v1 -> v2", plan, now);
        assertThat(resume()).isEqualTo(new Action.PreFlight(10, T0));
        return on(new TrafficEstimated(estimate));
    }

    private Action resume() {
        Decision decision = machine.resume(state, now);
        state = decision.state();
        return decision.action();
    }

    private Action on(Observation observation) {
        Decision decision = machine.next(state, observation, now);
        state = decision.state();
        return decision.action();
    }

    private static CanaryPlan sequential() {
        return CanaryPlan.of(List.of(10, 50), MINUTE, EndAction.PROMOTE).withAnalysis(AnalysisMode.SEQUENTIAL, EVERY);
    }

    private Analysed verdict(Verdict verdict) {
        return new Analysed(new StepAnalysis(now, state.weight(), verdict, List.of(new CheckSummary(
                "error-rate-vs-stable (sequential)", 1.0, "test", verdict, "canary served 12 requests"))));
    }

    /** Starts a sequential rollout and sets its first weight at T0 + 0. */
    private void firstStepSet() {
        start(sequential(), new TrafficEstimate(100, 10, 50));
        on(new Observation.Started());
        assertThat(on(new Observation.WeightApplied(10))).as("the first look comes after one sample period")
                .isEqualTo(new WaitUntil(T0.plus(EVERY)));
    }

    @Test
    public void sequentialLooksComeEverySamplePeriodAndKnowTheStretches() {
        firstStepSet();
        now = T0.plus(EVERY);
        Action look = on(new Tick());
        assertThat(look).isEqualTo(new Analyse(10, T0, now, T0, List.of(T0), true));
        assertThat(on(verdict(Verdict.INCONCLUSIVE))).as("an inconclusive look waits for the next")
                .isEqualTo(new WaitUntil(T0.plus(EVERY.multipliedBy(2))));
        assertThat(state.analyses()).as("inconclusive looks are not recorded").isEmpty();
        assertThat(state.inconclusiveInARow()).isZero();
        now = T0.plus(Duration.ofSeconds(55));
        on(new Tick());
        assertThat(on(verdict(Verdict.INCONCLUSIVE))).as("never past the interval's end")
                .isEqualTo(new WaitUntil(T0.plus(MINUTE)));
        now = T0.plus(MINUTE);
        assertThat(on(new Tick())).as("the interval's end is a final look")
                .isEqualTo(new Analyse(10, T0, now, T0, List.of(T0), false));
        assertThat(on(verdict(Verdict.INCONCLUSIVE))).isInstanceOf(WaitUntil.class);
        assertThat(state.inconclusiveInARow()).as("a final look counts").isEqualTo(1);
    }

    @Test
    public void aRegressionShownAtALookRestoresAtOnce() {
        firstStepSet();
        now = T0.plus(Duration.ofSeconds(20));
        on(new Tick());
        Action action = on(verdict(Verdict.FAIL));
        assertThat(action).isInstanceOf(Action.Restore.class);
        assertThat(state.timeline().get(state.timeline().size() - 1).message()).contains("restoring");
        assertThat(state.analyses()).singleElement().extracting(StepAnalysis::verdict).isEqualTo(Verdict.FAIL);
        assertThat(on(new Observation.Restored())).isEqualTo(new Action.Finish(Outcome.ROLLED_BACK));
    }

    @Test
    public void aCanaryShownNoWorseAdvancesBeforeItsInterval() {
        firstStepSet();
        now = T0.plus(Duration.ofSeconds(30));
        on(new Tick());
        assertThat(on(verdict(Verdict.PASS))).isEqualTo(new Action.SetWeight(50));
        now = T0.plus(Duration.ofSeconds(31));
        on(new Observation.WeightApplied(50));
        now = T0.plus(Duration.ofSeconds(41));
        assertThat(on(new Tick())).as("both stretches are judged")
                .isEqualTo(new Analyse(50, T0.plusSeconds(31), now, T0, List.of(T0, T0.plusSeconds(31)), true));
        assertThat(((Analyse) resume()).segments()).hasSize(2);
    }

    @Test
    public void fixedAnalysisNeverLooksBeforeTheInterval() {
        start(CanaryPlan.of(List.of(10, 50), MINUTE, EndAction.PROMOTE), null);
        on(new Observation.Started());
        assertThat(on(new Observation.WeightApplied(10))).isEqualTo(new WaitUntil(T0.plus(MINUTE)));
        now = T0.plus(EVERY);
        assertThat(on(new Tick())).isEqualTo(new WaitUntil(T0.plus(MINUTE)));
    }

    @Test
    public void aServiceWithNoTrafficIsNotStarted() {
        Action action = start(sequential(), new TrafficEstimate(0, 10, 50));
        assertThat(action).isEqualTo(new Action.Finish(Outcome.NOT_STARTED));
        assertThat(state.reason()).contains("no requests in the last minute").contains("nothing was written")
                .contains("a larger first step");
    }

    @Test
    public void aFirstStepLongerThanTheDeadlineIsNotStarted() {
        CanaryPlan plan = sequential().withDeadline(Duration.ofMinutes(10));
        Action action = start(plan, new TrafficEstimate(0.5, 10, 50));
        assertThat(action).isEqualTo(new Action.Finish(Outcome.NOT_STARTED));
        assertThat(state.reason()).contains("0.5 requests/s").contains("16m40s").contains("the deadline of 10m");
    }

    @Test
    public void aFirstStepLongerThanItsInconclusiveLimitIsNotStartedEvenWithinTheDeadline() {
        CanaryPlan plan = sequential().withInconclusiveLimit(5);
        Action action = start(plan, new TrafficEstimate(1, 10, 50));
        assertThat(plan.firstStepPatience()).isEqualTo(Duration.ofMinutes(5));
        assertThat(action).isEqualTo(new Action.Finish(Outcome.NOT_STARTED));
        assertThat(state.reason()).contains("about 8m20s").contains("more than the first step may wait: 5 "
                + "inconclusive analyses, one per interval of 1m (5m)").contains("nothing was written");
    }

    @Test
    public void aLongButFittingFirstStepIsToldAtTheStart() {
        Action action = start(sequential(), new TrafficEstimate(1, 10, 50));
        assertThat(action).isEqualTo(new Action.Acquire());
        assertThat(state.timeline()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(TimelineEvent.Type.PREFLIGHT);
            assertThat(event.message()).contains("about 8m20s").contains("longer than the interval of 1m");
        });
    }

    @Test
    public void anUnreadablePreFlightGoesOnWithoutAnEstimate() {
        state = RolloutState.start("t", sequential(), now);
        resume();
        assertThat(on(new Observation.ActionFailed("Prometheus timed out"))).isEqualTo(new Action.Acquire());
        assertThat(state.timeline().get(0).message()).contains("Prometheus timed out");
    }

    @Test
    public void inconclusiveToTheLimitCanHoldTheWeights() {
        CanaryPlan plan = CanaryPlan.of(List.of(10, 50), MINUTE, EndAction.PROMOTE).withInconclusiveLimit(2)
                .withOnInconclusive(InconclusiveAction.HOLD);
        start(plan, new TrafficEstimate(100, 10, 50));
        on(new Observation.Started());
        on(new Observation.WeightApplied(10));
        for (int i = 0; i < 2; i++) {
            now = state.nextAt();
            on(new Tick());
            Action action = on(verdict(Verdict.INCONCLUSIVE));
            if (i == 1) {
                assertThat(action).isEqualTo(new Action.Hold());
            }
        }
        assertThat(on(new Observation.Held())).isEqualTo(new Action.Finish(Outcome.INCONCLUSIVE));
        assertThat(state.reason()).contains("could not judge").contains("canary served 12 requests")
                .contains("held at 10%");
        assertThat(state.weight()).isEqualTo(10);
        assertThat(RolloutReport.of(state, now).restored()).as("held, not restored").isFalse();
    }

    @Test
    public void aDeadlineWithNothingKnownIsInconclusiveNotARollback() {
        CanaryPlan plan = CanaryPlan.of(List.of(10, 50), MINUTE, EndAction.PROMOTE).withDeadline(MINUTE.multipliedBy(2));
        start(plan, null);
        on(new Observation.Started());
        on(new Observation.WeightApplied(10));
        now = state.nextAt();
        on(new Tick());
        on(verdict(Verdict.INCONCLUSIVE));
        now = T0.plus(MINUTE.multipliedBy(2));
        assertThat(on(new Tick())).isInstanceOf(Action.Restore.class);
        assertThat(on(new Observation.Restored())).isEqualTo(new Action.Finish(Outcome.INCONCLUSIVE));
        assertThat(state.reason()).contains("deadline of 2m").contains("could not judge");
        assertThat(RolloutReport.of(state, now).restored()).as("the report says the routes were restored").isTrue();
    }
}
