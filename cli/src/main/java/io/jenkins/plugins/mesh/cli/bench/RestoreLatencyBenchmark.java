package io.jenkins.plugins.mesh.cli.bench;

import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import io.jenkins.plugins.mesh.engine.rollout.CanaryPlan;
import io.jenkins.plugins.mesh.engine.rollout.EndAction;
import io.jenkins.plugins.mesh.engine.rollout.Outcome;
import io.jenkins.plugins.mesh.engine.rollout.RolloutDriver;
import io.jenkins.plugins.mesh.engine.rollout.RolloutListener;
import io.jenkins.plugins.mesh.engine.rollout.RolloutScheduler;
import io.jenkins.plugins.mesh.engine.rollout.RolloutState;
import io.jenkins.plugins.mesh.engine.rollout.TimelineEvent;
import io.jenkins.plugins.mesh.engine.rollout.TrafficRouteControl;
import io.jenkins.plugins.mesh.engine.traffic.Holder;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import io.jenkins.plugins.mesh.engine.traffic.RouteTarget;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * P2 restore latency against the simulator's API server on loopback (real HTTP, fabric8 client, the engine's
 * {@link TrafficController}): rollouts of VirtualService bookinfo/reviews, one after the other, each taking the lease
 * and setting 10 % before it is stopped. "FAIL verdict": an analysis that fails, from its verdict to the routes restored
 * and verified (the restore action, driven by {@link RolloutDriver}). "abort": a rollout waiting in a
 * {@link RolloutScheduler}, from {@code abort()} to the routes restored and verified.
 */
public final class RestoreLatencyBenchmark implements BenchSection {

    static final int ROLLOUTS = 1_000;
    static final int QUICK_ROLLOUTS = 200;
    private static final int WARM_UP = 20;

    private final int rollouts;
    private final int quickRollouts;

    public RestoreLatencyBenchmark() {
        this(ROLLOUTS, QUICK_ROLLOUTS);
    }

    RestoreLatencyBenchmark(int rollouts, int quickRollouts) {
        this.rollouts = rollouts;
        this.quickRollouts = quickRollouts;
    }

    @Override
    public BenchTable run(boolean quick) throws Exception {
        int count = quick ? quickRollouts : rollouts;
        try (LoopbackCluster loopback = LoopbackCluster.start()) {
            SimulatedCluster cluster = loopback.cluster();
            Clock clock = Clock.systemUTC();
            TrafficController traffic = new TrafficController(cluster.client(), clock, TrafficSettings.defaults());
            RouteTarget target = traffic.resolve(RouteKind.VIRTUAL_SERVICE, SimulatedCluster.NAMESPACE,
                    SimulatedCluster.SERVICE, SimulatedCluster.PRIMARY_ROUTE, "v1", "v2");
            Holder holder = Holder.localUser("bench", "localhost");
            CanaryPlan plan = new CanaryPlan(List.of(10, 50), Duration.ofMillis(1), 1, 10, EndAction.PROMOTE,
                    Duration.ofHours(1));
            for (int i = 0; i < WARM_UP; i++) {
                failVerdictToRestored(traffic, target, holder, plan, clock);
                abortToRestored(traffic, target, holder, clock);
            }
            long[] fail = new long[count];
            long[] abort = new long[count];
            for (int i = 0; i < count; i++) {
                fail[i] = failVerdictToRestored(traffic, target, holder, plan, clock);
                abort[i] = abortToRestored(traffic, target, holder, clock);
                if (i % 100 == 99) {
                    loopback.forgetRequests();
                }
            }
            return new BenchTable("P2", "restore latency on the simulator's API server (loopback HTTP), " + count
                    + " rollouts each, after " + WARM_UP + " warm-up rollouts", List.of("from", "to", "rollouts", "p50",
                    "p99", "max", "goal (p99)", "verdict"), List.of(
                    row("FAIL verdict", fail, 100), row("abort()", abort, 1000)));
        }
    }

    private static List<String> row(String from, long[] nanos, long goalMillis) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double p99 = millis(quantile(sorted, 0.99));
        return List.of(from, "routes restored and verified", String.valueOf(sorted.length),
                format(millis(quantile(sorted, 0.5))), format(p99), format(millis(sorted[sorted.length - 1])),
                "< " + goalMillis + " ms", p99 < goalMillis ? "met" : "missed");
    }

    /** One rollout that fails its first analysis; nanoseconds from the FAIL verdict to the RESTORED event. */
    static long failVerdictToRestored(TrafficController traffic, RouteTarget target, Holder holder, CanaryPlan plan,
            Clock clock) {
        ConstantAnalysis analysis = new ConstantAnalysis(Verdict.FAIL);
        RestoredAt restored = new RestoredAt();
        RolloutDriver driver = new RolloutDriver(new TrafficRouteControl(traffic, target, holder, false), analysis,
                clock, restored);
        RolloutDriver.Progress progress = driver.advance(RolloutState.start(target.describe(), plan, clock.instant()));
        while (!progress.isDone()) {
            while (clock.instant().isBefore(progress.wakeAt())) {
                Thread.onSpinWait();
            }
            progress = driver.advance(progress.state());
        }
        requireOutcome(progress.state(), Outcome.ROLLED_BACK);
        return restored.nanos - analysis.lastAnsweredNanos();
    }

    /** One rollout waiting in a scheduler at 10 %; nanoseconds from abort() to the RESTORED event. */
    static long abortToRestored(TrafficController traffic, RouteTarget target, Holder holder, Clock clock)
            throws Exception {
        CanaryPlan plan = new CanaryPlan(List.of(10, 50), Duration.ofHours(1), 1, 10, EndAction.PROMOTE,
                Duration.ofHours(24));
        RestoredAt restored = new RestoredAt();
        RolloutDriver driver = new RolloutDriver(new TrafficRouteControl(traffic, target, holder, false),
                new ConstantAnalysis(Verdict.PASS), clock, restored);
        try (RolloutScheduler scheduler = new RolloutScheduler(1, clock)) {
            RolloutScheduler.RunningRollout running = scheduler.submit(driver,
                    RolloutState.start(target.describe(), plan, clock.instant()));
            if (!restored.weightSet.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the rollout did not set its first weight within 30 s: "
                        + running.state().reason());
            }
            long start = System.nanoTime();
            running.abort("mesh bench");
            RolloutState end = running.completion().get(30, TimeUnit.SECONDS);
            requireOutcome(end, Outcome.ABORTED);
            return restored.nanos - start;
        }
    }

    private static void requireOutcome(RolloutState state, Outcome expected) {
        if (state.outcome() != expected) {
            throw new IllegalStateException("expected " + expected + " but the rollout ended " + state.outcome()
                    + ": " + state.reason());
        }
    }

    /** Hears the first weight set and when (nanoTime) the routes were restored. */
    private static final class RestoredAt implements RolloutListener {
        final CountDownLatch weightSet = new CountDownLatch(1);
        volatile long nanos;

        @Override
        public void onEvent(TimelineEvent event) {
            if (event.type() == TimelineEvent.Type.WEIGHT_SET) {
                weightSet.countDown();
            } else if (event.type() == TimelineEvent.Type.RESTORED) {
                nanos = System.nanoTime();
            }
        }
    }

    private static long quantile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, rank)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static String format(double millis) {
        return String.format(Locale.ROOT, "%.1f ms", millis);
    }
}
