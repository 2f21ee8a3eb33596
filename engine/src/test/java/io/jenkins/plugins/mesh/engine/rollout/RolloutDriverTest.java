package io.jenkins.plugins.mesh.engine.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Test;

public class RolloutDriverTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(T0);

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        void set(Instant time) {
            now.set(time);
        }
    }

    private final HandClock clock = new HandClock();
    private final InMemoryRoute route = new InMemoryRoute();
    private final List<String> persisted = new ArrayList<>();
    private final List<TimelineEvent> events = new ArrayList<>();
    private final RolloutStateJson json = new RolloutStateJson();
    private final RolloutListener listener = new RolloutListener() {
        @Override
        public void onState(RolloutState state) {
            persisted.add(json.write(state));
        }

        @Override
        public void onEvent(TimelineEvent event) {
            events.add(event);
        }
    };

    private static CanaryAnalysis verdicts(Verdict... verdicts) {
        int[] next = {0};
        return (weight, from, at) -> {
            Verdict verdict = verdicts[Math.min(next[0]++, verdicts.length - 1)];
            return new StepAnalysis(at, weight, verdict,
                    List.of(new CheckSummary("success-rate>=99", verdict == Verdict.FAIL ? 90.0 : 99.9, ">= 99",
                            verdict, "window " + Duration.between(from, at).toSeconds() + "s")));
        };
    }

    private RolloutDriver.Progress runToEnd(RolloutDriver driver, RolloutState state) {
        RolloutDriver.Progress progress = driver.advance(state);
        while (!progress.isDone()) {
            clock.set(progress.wakeAt());
            progress = driver.advance(progress.state());
        }
        return progress;
    }

    @Test
    public void promotesAHealthyCanaryAndPersistsEveryState() {
        CanaryPlan plan = CanaryPlan.of(List.of(10, 50), Duration.ofSeconds(30), EndAction.PROMOTE);
        RolloutDriver driver = new RolloutDriver(route, verdicts(Verdict.PASS), clock, listener);
        RolloutDriver.Progress end = runToEnd(driver, RolloutState.start("t", plan, T0));
        assertThat(end.state().outcome()).isEqualTo(Outcome.PROMOTED);
        assertThat(route.calls).containsSubsequence("acquire", "setWeight 10", "renew", "setWeight 50", "promote");
        assertThat(route.weight).isEqualTo(100);
        assertThat(json.read(persisted.get(persisted.size() - 1))).isEqualTo(end.state());
        assertThat(events).extracting(TimelineEvent::type).containsSubsequence(TimelineEvent.Type.STARTED,
                TimelineEvent.Type.WEIGHT_SET, TimelineEvent.Type.ANALYSIS, TimelineEvent.Type.PROMOTED,
                TimelineEvent.Type.FINISHED);
        assertThat(Duration.between(T0, clock.instant())).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    public void failedCheckRestoresTheRoute() {
        CanaryPlan plan = CanaryPlan.of(List.of(10, 50), Duration.ofSeconds(30), EndAction.PROMOTE);
        RolloutDriver driver = new RolloutDriver(route, verdicts(Verdict.PASS, Verdict.FAIL), clock, listener);
        RolloutDriver.Progress end = runToEnd(driver, RolloutState.start("t", plan, T0));
        assertThat(end.state().outcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(route.calls).endsWith("restore");
        assertThat(route.weight).isZero();
        assertThat(route.locked).isFalse();
        RolloutReport report = RolloutReport.of(end.state(), clock.instant());
        assertThat(report.restored()).isTrue();
        assertThat(report.steps()).extracting(RolloutReport.Step::weight).containsExactly(10, 50);
        assertThat(report.steps()).extracting(RolloutReport.Step::verdict).containsExactly(Verdict.PASS, Verdict.FAIL);
        assertThat(report.checks()).hasSize(2);
        assertThat(json.readReport(json.write(report))).isEqualTo(report);
    }

    @Test
    public void transientRestoreFailuresAreRetriedAfterTheirBackoff() {
        route.failNextRestores.set(2);
        CanaryPlan plan = CanaryPlan.of(List.of(10), Duration.ofSeconds(30), EndAction.PROMOTE);
        RolloutDriver driver = new RolloutDriver(route, verdicts(Verdict.FAIL), clock, listener);
        RolloutDriver.Progress end = runToEnd(driver, RolloutState.start("t", plan, T0));
        assertThat(end.state().outcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(route.calls.stream().filter("restore"::equals)).hasSize(3);
        assertThat(end.state().restoreAttempts()).isEqualTo(2);
    }

    @Test
    public void aRouteThatCannotBeRestoredEndsPending() {
        route.failNextRestores.set(100);
        CanaryPlan plan = CanaryPlan.of(List.of(10), Duration.ofSeconds(30), EndAction.PROMOTE);
        RolloutDriver driver = new RolloutDriver(route, verdicts(Verdict.FAIL), clock, listener);
        RolloutDriver.Progress end = runToEnd(driver, RolloutState.start("t", plan, T0));
        assertThat(end.state().outcome()).isEqualTo(Outcome.RESTORE_PENDING);
        assertThat(route.weight).isEqualTo(10);
    }

    @Test
    public void aLockedRouteIsNotTouched() {
        route.locked = true;
        CanaryPlan plan = CanaryPlan.of(List.of(10), Duration.ofSeconds(30), EndAction.PROMOTE);
        RolloutDriver driver = new RolloutDriver(route, verdicts(Verdict.PASS), clock, listener);
        RolloutDriver.Progress end = driver.advance(RolloutState.start("t", plan, T0));
        assertThat(end.isDone()).isTrue();
        assertThat(end.state().outcome()).isEqualTo(Outcome.NOT_STARTED);
        assertThat(route.calls).containsExactly("acquire");
    }

    @Test
    public void metricErrorsAreInconclusive() {
        CanaryPlan plan = CanaryPlan.of(List.of(10), Duration.ofSeconds(30), EndAction.PROMOTE).withInconclusiveLimit(2);
        CanaryAnalysis broken = (weight, from, at) -> {
            throw new java.io.IOException("Prometheus at http://127.0.0.1:9 is unreachable");
        };
        RolloutDriver driver = new RolloutDriver(route, broken, clock, listener);
        RolloutDriver.Progress end = runToEnd(driver, RolloutState.start("t", plan, T0));
        assertThat(end.state().outcome()).as("nothing was known against the canary").isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(end.state().reason()).contains("could not judge").contains("unreachable");
        assertThat(route.weight).isZero();
    }

    @Test
    public void resumingFromAnyPersistedStateFinishesTheSameWay() {
        CanaryPlan plan = CanaryPlan.of(List.of(10, 25, 50), Duration.ofSeconds(30), EndAction.PROMOTE);
        RolloutDriver first = new RolloutDriver(route, verdicts(Verdict.PASS, Verdict.PASS, Verdict.FAIL), clock,
                listener);
        runToEnd(first, RolloutState.start("t", plan, T0));
        List<String> states = List.copyOf(persisted);
        for (String stored : states) {
            InMemoryRoute fresh = new InMemoryRoute();
            RolloutState resumed = json.read(stored);
            fresh.weight = resumed.weight();
            fresh.locked = resumed.phase() != Phase.STARTING;
            clock.set(resumed.nextAt() != null ? resumed.nextAt() : T0.plusSeconds(1000));
            int verdictsSeen = resumed.analyses().size();
            Verdict[] rest = List.of(Verdict.PASS, Verdict.PASS, Verdict.FAIL)
                    .subList(Math.min(verdictsSeen, 2), 3).toArray(Verdict[]::new);
            fresh.locked = false; // the same holder may take its own lease again
            RolloutDriver again = new RolloutDriver(fresh, verdicts(rest), clock, RolloutListener.NONE);
            RolloutDriver.Progress end = runToEnd(again, resumed);
            assertThat(end.state().outcome()).as("resumed from %s", resumed.phase()).isIn(Outcome.ROLLED_BACK);
            assertThat(fresh.weight).isZero();
        }
    }

    @Test
    public void oneSchedulerDrivesManyRolloutsWithFewThreads() throws Exception {
        Clock real = Clock.systemUTC();
        try (RolloutScheduler scheduler = new RolloutScheduler(2, real)) {
            List<RolloutScheduler.RunningRollout> running = new ArrayList<>();
            List<InMemoryRoute> routes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                InMemoryRoute r = new InMemoryRoute();
                routes.add(r);
                // The deadline is generous: a busy machine must not turn a slow run into a rollback.
                CanaryPlan plan = CanaryPlan.of(List.of(10, 50), Duration.ofMillis(5), EndAction.PROMOTE)
                        .withDeadline(Duration.ofMinutes(10));
                Verdict last = i % 10 == 0 ? Verdict.FAIL : Verdict.PASS;
                RolloutDriver driver = new RolloutDriver(r, verdicts(Verdict.PASS, last), real, null);
                running.add(scheduler.submit(driver, RolloutState.start("r" + i, plan, real.instant())));
            }
            for (int i = 0; i < running.size(); i++) {
                RolloutState end = running.get(i).completion().get(30, TimeUnit.SECONDS);
                assertThat(end.outcome()).isEqualTo(i % 10 == 0 ? Outcome.ROLLED_BACK : Outcome.PROMOTED);
                assertThat(routes.get(i).weight).isEqualTo(i % 10 == 0 ? 0 : 100);
            }
            assertThat(scheduler.threads()).isEqualTo(2);
        }
    }

    @Test
    public void abortWakesAWaitingRolloutAndRestores() throws Exception {
        Clock real = Clock.systemUTC();
        try (RolloutScheduler scheduler = new RolloutScheduler(1, real)) {
            CanaryPlan plan = CanaryPlan.of(List.of(10, 50), Duration.ofHours(1), EndAction.PROMOTE);
            RolloutDriver driver = new RolloutDriver(route, verdicts(Verdict.PASS), real, null);
            RolloutScheduler.RunningRollout rollout = scheduler.submit(driver,
                    RolloutState.start("t", plan, real.instant()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (rollout.state().phase() != Phase.WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(route.weight).isEqualTo(10);
            rollout.abort("alice");
            RolloutState end = rollout.completion().get(10, TimeUnit.SECONDS);
            assertThat(end.outcome()).isEqualTo(Outcome.ABORTED);
            assertThat(end.reason()).isEqualTo("aborted by alice");
            assertThat(route.weight).isZero();
        }
    }
}
