package io.jenkins.plugins.mesh.engine.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/**
 * A driver may crash after persisting any state. Resuming from the JSON it persisted must ask for exactly the
 * action the lost driver was about to perform: no step skipped, no write invented.
 */
public class RolloutResumeTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final CanaryStateMachine machine = new CanaryStateMachine();
    private final RolloutStateJson json = new RolloutStateJson();

    @Test
    public void resumingFromJsonAtEveryStateAsksForTheSameAction() {
        Random random = new Random(1234);
        int checked = 0;
        for (int run = 0; run < 200; run++) {
            CanaryPlan plan = CanaryPlan.of(List.of(5, 10, 25, 50), Duration.ofSeconds(30),
                    random.nextBoolean() ? EndAction.PROMOTE : EndAction.HOLD).withFailureLimit(1 + random.nextInt(2));
            for (Made made : randomRollout(plan, random)) {
                Decision decision = made.decision();
                String persisted = json.write(decision.state());
                RolloutState resumed = json.read(persisted);
                assertThat(resumed).isEqualTo(decision.state());
                Decision again = machine.resume(resumed, made.at());
                assertThat(again.action()).as("resume in %s", resumed.phase()).isEqualTo(decision.action());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(2000);
    }

    @Test
    public void resumingARolloutWithPhasesAsksForTheSameActionAndTheSameRouteChanges() {
        Random random = new Random(4321);
        int checked = 0;
        int phaseEntries = 0;
        for (int run = 0; run < 200; run++) {
            CanaryPhases phases = randomPhases(random);
            List<Integer> steps = phases.match() != null && random.nextInt(3) == 0 && phases.sticky() == null
                    ? List.of() : List.of(10, 50);
            CanaryPlan plan = new CanaryPlan(steps, Duration.ofSeconds(30), 1 + random.nextInt(2),
                    CanaryPlan.DEFAULT_INCONCLUSIVE_LIMIT, random.nextBoolean() ? EndAction.PROMOTE : EndAction.HOLD,
                    CanaryPlan.defaultDeadline(steps, Duration.ofSeconds(30), phases),
                    random.nextBoolean() ? AnalysisMode.SEQUENTIAL : AnalysisMode.FIXED, Duration.ofSeconds(10),
                    null, phases);
            for (Made made : randomRollout(plan, random)) {
                Decision decision = made.decision();
                RolloutState resumed = json.read(json.write(decision.state()));
                assertThat(resumed).isEqualTo(decision.state());
                assertThat(machine.resume(resumed, made.at()).action()).as("resume in %s", resumed.phase())
                        .isEqualTo(decision.action());
                if (decision.action() instanceof Action.SetWeight set && !set.changes().isEmpty()) {
                    phaseEntries++;
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(1000);
        assertThat(phaseEntries).isGreaterThan(100);
    }

    private static CanaryPhases randomPhases(Random random) {
        CanaryPhases phases = CanaryPhases.NONE;
        if (random.nextBoolean()) {
            phases = phases.withMirror(new MirrorPhase(new io.jenkins.plugins.mesh.engine.traffic.CanaryMirror(
                    1 + random.nextInt(100)), Duration.ofSeconds(20 + random.nextInt(60))));
        }
        if (phases.mirror() == null || random.nextBoolean()) {
            phases = phases.withMatch(new MatchPhase(io.jenkins.plugins.mesh.engine.traffic.MatchRoute.parse(
                    List.of("header:x-canary=true")), Duration.ofSeconds(20 + random.nextInt(60)),
                    random.nextBoolean()));
        }
        if (random.nextBoolean()) {
            phases = phases.withSticky(io.jenkins.plugins.mesh.engine.traffic.StickySessions.cookie("mesh-canary"));
        }
        return phases;
    }

    /** A decision and the time it was made at. */
    private record Made(Decision decision, Instant at) {
    }

    private static Observation observe(Action action, Instant now, Random random) {
        if (action instanceof Action.Acquire) {
            return random.nextInt(20) == 0 ? new Observation.ActionFailed("locked") : new Observation.Started();
        }
        if (action instanceof Action.SetWeight set) {
            return random.nextInt(30) == 0 ? new Observation.ActionFailed("500")
                    : new Observation.WeightApplied(set.weight());
        }
        if (action instanceof Action.WaitUntil) {
            return random.nextInt(40) == 0 ? new Observation.AbortRequested("tester") : new Observation.Tick();
        }
        if (action instanceof Action.Analyse analyse) {
            Verdict verdict = random.nextInt(8) == 0 ? Verdict.FAIL
                    : random.nextInt(6) == 0 ? Verdict.INCONCLUSIVE : Verdict.PASS;
            return new Observation.Analysed(new StepAnalysis(analyse.at(), analyse.weight(), verdict,
                    List.of(new CheckSummary("success-rate>=99", 99.5, ">= 99", verdict, "seeded"))));
        }
        if (action instanceof Action.PreFlight preFlight) {
            return random.nextInt(4) == 0 ? new Observation.ActionFailed("Prometheus timed out")
                    : new Observation.TrafficEstimated(new TrafficEstimate(random.nextInt(3) * 50.0,
                            preFlight.firstWeight(), 50));
        }
        if (action instanceof Action.Promote) {
            return new Observation.Promoted();
        }
        if (action instanceof Action.Hold) {
            return new Observation.Held();
        }
        if (action instanceof Action.Restore) {
            return random.nextInt(3) == 0 ? new Observation.ActionFailed("timeout") : new Observation.Restored();
        }
        throw new IllegalStateException("no observation for " + action);
    }

    /** One rollout with random verdicts, errors and aborts, every decision recorded. */
    private List<Made> randomRollout(CanaryPlan plan, Random random) {
        List<Made> decisions = new ArrayList<>();
        Instant now = T0;
        Decision decision = machine.resume(RolloutState.start("test", plan, now), now);
        for (int i = 0; i < 500 && !(decision.action() instanceof Action.Finish); i++) {
            decisions.add(new Made(decision, now));
            Observation observation = observe(decision.action(), now, random);
            if (decision.action() instanceof Action.WaitUntil wait) {
                now = wait.time();
            }
            now = now.plusMillis(random.nextInt(50));
            decision = machine.next(decision.state(), observation, now);
        }
        decisions.add(new Made(decision, now));
        assertThat(decision.action()).isInstanceOf(Action.Finish.class);
        return decisions;
    }
}
