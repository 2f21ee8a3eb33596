package io.jenkins.plugins.mesh.engine.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import io.jenkins.plugins.mesh.engine.rollout.Action.Analyse;
import io.jenkins.plugins.mesh.engine.rollout.Action.Hold;
import io.jenkins.plugins.mesh.engine.rollout.Action.Promote;
import io.jenkins.plugins.mesh.engine.rollout.Action.Restore;
import io.jenkins.plugins.mesh.engine.rollout.Action.SetWeight;
import io.jenkins.plugins.mesh.engine.rollout.Action.WaitUntil;
import io.jenkins.plugins.mesh.engine.rollout.Observation.Analysed;
import io.jenkins.plugins.mesh.engine.rollout.Observation.Tick;
import io.jenkins.plugins.mesh.engine.rollout.Observation.WeightApplied;
import io.jenkins.plugins.mesh.engine.traffic.CanaryMirror;
import io.jenkins.plugins.mesh.engine.traffic.MatchRoute;
import io.jenkins.plugins.mesh.engine.traffic.RouteChange;
import io.jenkins.plugins.mesh.engine.traffic.StickySessions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

/**
 * A rollout's phases run as stages judged like steps: the mirror phase, the A/B phase, then the weighted steps with
 * sticky sessions, each entered with exactly its route changes; a failure in any phase restores.
 */
public class CanaryPhasesStateMachineTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final CanaryMirror MIRROR = new CanaryMirror(20);
    private static final MatchRoute MATCH = MatchRoute.parse(List.of("header:x-canary=true"));
    private static final StickySessions STICKY = StickySessions.cookie("mesh-canary");

    private final CanaryStateMachine machine = new CanaryStateMachine();
    private RolloutState state;
    private Instant now = T0;

    private static CanaryPlan plan(List<Integer> steps, CanaryPhases phases, EndAction end) {
        return new CanaryPlan(steps, MINUTE, CanaryPlan.DEFAULT_FAILURE_LIMIT, CanaryPlan.DEFAULT_INCONCLUSIVE_LIMIT,
                end, CanaryPlan.defaultDeadline(steps, MINUTE, phases), AnalysisMode.FIXED, null, null, phases);
    }

    private static CanaryPhases allPhases(boolean keepMatch) {
        return CanaryPhases.NONE.withMirror(new MirrorPhase(MIRROR, Duration.ofMinutes(5)))
                .withMatch(new MatchPhase(MATCH, Duration.ofMinutes(10), keepMatch)).withSticky(STICKY);
    }

    private Action start(CanaryPlan plan) {
        state = RolloutState.start("VirtualService shop/reviews: v1 -> v2", plan, now);
        Action first = on(new Tick());
        if (first instanceof Action.PreFlight) {
            first = on(new Observation.TrafficEstimated(null));
        }
        assertThat(first).isInstanceOf(Action.Acquire.class);
        return on(new Observation.Started());
    }

    private Action on(Observation observation) {
        Decision decision = machine.next(state, observation, now);
        state = decision.state();
        return decision.action();
    }

    /** Enters the stage the last action asked for, waits for its analysis, and reports {@code verdict}. */
    private Action stage(Action entering, int weight, List<RouteChange> changes, Duration length, Verdict verdict) {
        assertThat(entering).isEqualTo(new SetWeight(weight, changes));
        Action wait = on(new WeightApplied(weight));
        assertThat(wait).isEqualTo(new WaitUntil(now.plus(length)));
        now = ((WaitUntil) wait).time();
        Action analyse = on(new Tick());
        assertThat(analyse).isInstanceOf(Analyse.class);
        return on(new Analysed(new StepAnalysis(now, weight, verdict, List.of(new CheckSummary("success-rate>=95",
                verdict == Verdict.FAIL ? 70.0 : 99.9, ">= 95", verdict, "test")))));
    }

    @Test
    public void mirrorThenAbThenStepsWithStickySessionsEachEnteredWithItsChanges() {
        Action next = start(plan(List.of(10, 50), allPhases(true), EndAction.PROMOTE));
        next = stage(next, 0, List.of(MIRROR), Duration.ofMinutes(5), Verdict.PASS);
        next = stage(next, 0, List.of(MATCH), Duration.ofMinutes(10), Verdict.PASS);
        next = stage(next, 10, List.of(MATCH, STICKY), MINUTE, Verdict.PASS);
        next = stage(next, 50, List.of(MATCH, STICKY), MINUTE, Verdict.PASS);
        assertThat(next).isInstanceOf(Promote.class);
        assertThat(on(new Observation.Promoted())).isEqualTo(new Action.Finish(Outcome.PROMOTED));

        assertThat(state.analyses()).extracting(StepAnalysis::phase)
                .containsExactly("mirror 20%", "A/B header:x-canary=exact:true", null, null);
        assertThat(state.timeline()).filteredOn(e -> e.type() == TimelineEvent.Type.WEIGHT_SET)
                .extracting(TimelineEvent::message)
                .satisfiesExactly(
                        m -> assertThat(m).startsWith("mirror phase: mirror 20% of requests to the canary"),
                        m -> assertThat(m).startsWith("A/B phase: send requests with header:x-canary=exact:true"),
                        m -> assertThat(m).contains("canary at 10%").contains("keep each user on the version"),
                        m -> assertThat(m).contains("canary at 50%"));
        RolloutReport report = RolloutReport.of(state, now);
        assertThat(report.steps()).extracting(RolloutReport.Step::phase)
                .containsExactly("mirror 20%", "A/B header:x-canary=exact:true", null, null);
        assertThat(report.steps()).extracting(RolloutReport.Step::analyses).containsExactly(1, 1, 1, 1);
    }

    @Test
    public void theAbRouteIsTakenAwayBeforeTheStepsWhenAskedTo() {
        Action next = start(plan(List.of(25), CanaryPhases.NONE.withMatch(new MatchPhase(MATCH, MINUTE, false)),
                EndAction.HOLD));
        next = stage(next, 0, List.of(MATCH), MINUTE, Verdict.PASS);
        next = stage(next, 25, List.of(), MINUTE, Verdict.PASS);
        assertThat(next).isInstanceOf(Hold.class);
    }

    @Test
    public void anAbOnlyRolloutPromotesOrHoldsRightAfterItsPhase() {
        CanaryPhases ab = CanaryPhases.NONE.withMatch(new MatchPhase(MATCH, Duration.ofMinutes(3), false));
        Action next = start(plan(List.of(), ab, EndAction.PROMOTE));
        assertThat(state.timeline()).anySatisfy(e -> assertThat(e.message()).contains("not known before it runs"));
        assertThat(stage(next, 0, List.of(MATCH), Duration.ofMinutes(3), Verdict.PASS)).isInstanceOf(Promote.class);

        now = T0;
        next = start(plan(List.of(), ab, EndAction.HOLD));
        assertThat(stage(next, 0, List.of(MATCH), Duration.ofMinutes(3), Verdict.PASS)).isInstanceOf(Hold.class);
        assertThat(on(new Observation.Held())).isEqualTo(new Action.Finish(Outcome.HELD));
        assertThat(state.reason()).isEqualTo("every step passed; held in the A/B header:x-canary=exact:true phase");
    }

    @Test
    public void aFailedMirrorPhaseRestoresBeforeAnyUserWasServedByTheCanary() {
        Action next = start(plan(List.of(10, 50), allPhases(true), EndAction.PROMOTE));
        next = stage(next, 0, List.of(MIRROR), Duration.ofMinutes(5), Verdict.FAIL);
        assertThat(next).isInstanceOf(Restore.class);
        assertThat(state.reason()).isEqualTo("the canary failed in the mirror 20% phase: success-rate>=95 = 70 "
                + "(>= 95)");
        assertThat(on(new Observation.Restored())).isEqualTo(new Action.Finish(Outcome.ROLLED_BACK));
        assertThat(state.timeline()).noneMatch(e -> e.type() == TimelineEvent.Type.WEIGHT_SET && e.weight() > 0);
    }

    @Test
    public void aFailedAbPhaseAndAFailedWriteOfAPhaseRestore() {
        Action next = start(plan(List.of(10), allPhases(true), EndAction.PROMOTE));
        next = stage(next, 0, List.of(MIRROR), Duration.ofMinutes(5), Verdict.PASS);
        assertThat(stage(next, 0, List.of(MATCH), Duration.ofMinutes(10), Verdict.FAIL)).isInstanceOf(Restore.class);
        assertThat(state.reason()).startsWith("the canary failed in the A/B header:x-canary=exact:true phase");

        now = T0;
        next = start(plan(List.of(10), allPhases(true), EndAction.PROMOTE));
        assertThat(next).isEqualTo(new SetWeight(0, List.of(MIRROR)));
        assertThat(on(new Observation.ActionFailed("the route has a mirror already"))).isInstanceOf(Restore.class);
        assertThat(state.reason()).isEqualTo("could not start the mirror 20% phase: the route has a mirror already");
    }

    @Test
    public void sequentialLooksJudgeEachPhaseAsItsOwnStretch() {
        CanaryPlan plan = plan(List.of(10), allPhases(true), EndAction.PROMOTE)
                .withAnalysis(AnalysisMode.SEQUENTIAL, Duration.ofSeconds(10));
        Action next = start(plan);
        assertThat(next).isEqualTo(new SetWeight(0, List.of(MIRROR)));
        assertThat(on(new WeightApplied(0))).isEqualTo(new WaitUntil(now.plusSeconds(10)));
        now = now.plus(Duration.ofMinutes(5));
        Action end = on(new Tick());
        assertThat(((Analyse) end).interim()).isFalse();
        next = on(new Analysed(new StepAnalysis(now, 0, Verdict.PASS, List.of())));
        assertThat(next).isEqualTo(new SetWeight(0, List.of(MATCH)));
        on(new WeightApplied(0));
        Instant abStart = now;
        now = now.plusSeconds(10);
        Action look = on(new Tick());
        assertThat(look).isInstanceOf(Analyse.class);
        assertThat(((Analyse) look).interim()).isTrue();
        assertThat(((Analyse) look).segments()).hasSize(2);
        assertThat(((Analyse) look).segments().get(1).from()).isEqualTo(abStart);
        // A failing look ends the A/B phase at once, long before its 10 minutes.
        Action failed = on(new Analysed(new StepAnalysis(now, 0, Verdict.FAIL, List.of(new CheckSummary(
                "error-rate-vs-stable", 0.3, "not worse", Verdict.FAIL, "regression")))));
        assertThat(failed).isInstanceOf(Restore.class);
    }

    @Test
    public void theMirrorSharePreFlightsAndTheDefaultDeadlineMakesRoomForThePhases() {
        CanaryPlan plan = plan(List.of(10), allPhases(true), EndAction.PROMOTE);
        assertThat(plan.firstShare()).isEqualTo(20);
        assertThat(CanaryPlan.of(List.of(10), MINUTE, EndAction.PROMOTE).withPhases(CanaryPhases.NONE.withMirror(
                new MirrorPhase(new CanaryMirror(0.5), MINUTE))).firstShare()).isEqualTo(1);
        assertThat(plan.deadline()).isEqualTo(CanaryPlan.defaultDeadline(1, MINUTE).plus(Duration.ofMinutes(15))
                .plus(MINUTE.multipliedBy(2L * CanaryPlan.DEFAULT_INCONCLUSIVE_LIMIT)));
        assertThat(plan.firstStepPatience()).isEqualTo(Duration.ofMinutes(5).plus(MINUTE.multipliedBy(
                CanaryPlan.DEFAULT_INCONCLUSIVE_LIMIT - 1)));
    }

    @Test
    public void aPlanRefusesStickySessionsWithoutStepsAndNeedsStepsOrAPhase() {
        assertThatThrownBy(() -> plan(List.of(), CanaryPhases.NONE, EndAction.PROMOTE))
                .hasMessageContaining("a canary needs at least one step weight");
        CanaryPhases abAndSticky = CanaryPhases.NONE.withMatch(new MatchPhase(MATCH, MINUTE, false))
                .withSticky(STICKY);
        assertThatThrownBy(() -> plan(List.of(), abAndSticky, EndAction.PROMOTE))
                .hasMessageContaining("sticky sessions keep users on a version during the weighted steps");
    }

    @Test
    public void aStateWrittenBeforePhasesExistedIsReadAsARolloutOfWeightsOnly() {
        RolloutStateJson json = new RolloutStateJson();
        start(plan(List.of(10, 50), CanaryPhases.NONE, EndAction.PROMOTE));
        String written = json.write(state).replace(",\"phases\":{\"mirror\":null,\"match\":null,\"sticky\":null}", "")
                .replace(",\"lookAt\":null", "");
        assertThat(written).doesNotContain("phases").doesNotContain("lookAt");
        RolloutState read = json.read(written);
        assertThat(read).isEqualTo(state);
        assertThat(read.plan().phases()).isEqualTo(CanaryPhases.NONE);
        assertThat(read.plan().stages()).extracting(Stage::weight).containsExactly(10, 50);
    }

    @Test
    public void aPlanWithPhasesRoundTripsThroughJson() {
        RolloutStateJson json = new RolloutStateJson();
        start(plan(List.of(10, 50), allPhases(false), EndAction.PROMOTE));
        RolloutState read = json.read(json.write(state));
        assertThat(read).isEqualTo(state);
        assertThat(read.plan().stages()).extracting(Stage::kind)
                .containsExactly(Stage.Kind.MIRROR, Stage.Kind.MATCH, Stage.Kind.WEIGHT, Stage.Kind.WEIGHT);
    }
}
