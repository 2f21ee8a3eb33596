package io.jenkins.plugins.mesh.cli.bench;

import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import io.jenkins.plugins.mesh.engine.rollout.CanaryPlan;
import io.jenkins.plugins.mesh.engine.rollout.EndAction;
import io.jenkins.plugins.mesh.engine.rollout.Outcome;
import io.jenkins.plugins.mesh.engine.rollout.RolloutDriver;
import io.jenkins.plugins.mesh.engine.rollout.RolloutListener;
import io.jenkins.plugins.mesh.engine.rollout.RolloutScheduler;
import io.jenkins.plugins.mesh.engine.rollout.RolloutState;
import io.jenkins.plugins.mesh.engine.rollout.RouteControl;
import io.jenkins.plugins.mesh.engine.rollout.TimelineEvent;
import io.jenkins.plugins.mesh.engine.rollout.TrafficRouteControl;
import io.jenkins.plugins.mesh.engine.traffic.Holder;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import io.jenkins.plugins.mesh.engine.traffic.RouteTarget;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * P3 scale: N concurrent rollouts on N VirtualServices of the simulator's API server (loopback HTTP), driven by one
 * {@link RolloutScheduler} in this JVM, with real intervals and an in-process analysis that passes (the metrics are
 * not what is measured). Steps 10, 25, 50, then promote. Measures the threads (the scheduler's, and all live threads of
 * the JVM at their peak), the heap retained while every rollout runs (after full GCs, per rollout), and the CPU per
 * tick (one wake-up of one rollout): of the scheduler's threads, and of the whole process (which here also runs the
 * API server and the HTTP client's threads).
 */
public final class ScaleBenchmark implements BenchSection {

    static final int ROLLOUTS = 1_000;
    static final int QUICK_ROLLOUTS = 200;
    static final int SCHEDULER_THREADS = 4;
    static final String NAMESPACE = "scale";
    private static final List<Integer> STEPS = List.of(10, 25, 50);
    private static final double KB = 1024.0;

    private final int rollouts;
    private final int quickRollouts;
    private final Duration interval;
    private final Duration quickInterval;

    public ScaleBenchmark() {
        this(ROLLOUTS, QUICK_ROLLOUTS, Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    ScaleBenchmark(int rollouts, int quickRollouts, Duration interval, Duration quickInterval) {
        this.rollouts = rollouts;
        this.quickRollouts = quickRollouts;
        this.interval = interval;
        this.quickInterval = quickInterval;
    }

    /** The figures of one run. */
    record Figures(int rollouts, int promoted, int schedulerThreads, int threadsBefore, int peakThreads,
            long jvmHeapPerRolloutBytes, long engineHeapPerRolloutBytes, long ticks, long schedulerCpuNanos,
            long processCpuNanos, Duration wall) {
    }

    @Override
    public BenchTable run(boolean quick) throws Exception {
        Duration every = quick ? quickInterval : interval;
        Figures f = measure(quick ? quickRollouts : rollouts, every);
        List<List<String>> rows = List.of(
                List.of("rollouts promoted", f.promoted() + " / " + f.rollouts(), "", ""),
                List.of("scheduler threads (polling)", String.valueOf(f.schedulerThreads()), "<= 8",
                        f.schedulerThreads() <= 8 ? "met" : "missed"),
                List.of("live threads of the JVM, before -> peak", f.threadsBefore() + " -> " + f.peakThreads(),
                        "", "includes the API server and HTTP client"),
                List.of("heap per waiting rollout, engine side", kilobytes(f.engineHeapPerRolloutBytes()), "<= 50 KB",
                        f.engineHeapPerRolloutBytes() <= 50 * 1024 ? "met" : "missed"),
                List.of("heap per running rollout, whole JVM", kilobytes(f.jvmHeapPerRolloutBytes()), "",
                        "includes the in-JVM API server's leases and events"),
                List.of("ticks (wake-ups of a rollout)", String.valueOf(f.ticks()), "", ""),
                List.of("CPU per tick, scheduler threads", micros(f.schedulerCpuNanos() / Math.max(1, f.ticks())), "",
                        "the rollout's own work, incl. its HTTP calls"),
                List.of("CPU per tick, whole process", micros(f.processCpuNanos() / Math.max(1, f.ticks())), "",
                        "includes the API server"),
                List.of("wall time", String.format(Locale.ROOT, "%.1f s", f.wall().toMillis() / 1000.0), "",
                        "interval " + every.toMillis() + " ms, steps " + STEPS));
        return new BenchTable("P3", "scale: " + f.rollouts() + " concurrent rollouts on " + f.rollouts()
                + " VirtualServices, one scheduler of " + SCHEDULER_THREADS + " threads, loopback API server",
                List.of("figure", "value", "goal", "verdict / note"), rows);
    }

    Figures measure(int count, Duration interval) throws Exception {
        long engineHeap = engineHeapPerRollout(count);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (LoopbackCluster loopback = LoopbackCluster.start()) {
            SimulatedCluster cluster = loopback.cluster();
            List<String> names = cluster.createVirtualServices(NAMESPACE, "svc", count);
            Clock clock = Clock.systemUTC();
            TrafficController traffic = new TrafficController(cluster.client(), clock, TrafficSettings.defaults());
            Holder holder = Holder.localUser("bench", "localhost");
            List<RouteTarget> targets = new ArrayList<>();
            for (String name : names) {
                targets.add(traffic.resolve(RouteKind.VIRTUAL_SERVICE, NAMESPACE, name, SimulatedCluster.PRIMARY_ROUTE,
                        "v1", "v2"));
            }
            CanaryPlan plan = new CanaryPlan(STEPS, interval, 1, 10, EndAction.PROMOTE, interval.multipliedBy(100));
            ConstantAnalysis analysis = new ConstantAnalysis(Verdict.PASS);
            FirstStep firstStep = new FirstStep(count);
            loopback.forgetRequests();
            long heapBefore = settledHeap();
            int threadsBefore = threads.getThreadCount();
            threads.resetPeakThreadCount();
            long processCpuBefore = processCpuNanos();
            long start = System.nanoTime();
            try (RolloutScheduler scheduler = new RolloutScheduler(SCHEDULER_THREADS, clock)) {
                List<CompletableFuture<RolloutState>> completions = new ArrayList<>();
                for (RouteTarget target : targets) {
                    RolloutDriver driver = new RolloutDriver(new TrafficRouteControl(traffic, target, holder, false),
                            analysis, clock, firstStep);
                    completions.add(scheduler.submit(driver, RolloutState.start(target.describe(), plan,
                            clock.instant())).completion());
                }
                firstStep.await();
                loopback.forgetRequests();
                long jvmHeap = (settledHeap() - heapBefore) / count;
                int promoted = 0;
                for (CompletableFuture<RolloutState> completion : completions) {
                    if (completion.get(10, TimeUnit.MINUTES).outcome() == Outcome.PROMOTED) {
                        promoted++;
                    }
                }
                long schedulerCpu = schedulerCpuNanos(threads);
                long processCpu = processCpuNanos() - processCpuBefore;
                Duration wall = Duration.ofNanos(System.nanoTime() - start);
                return new Figures(count, promoted, scheduler.threads(), threadsBefore, threads.getPeakThreadCount(),
                        jvmHeap, engineHeap, count + analysis.analyses(), schedulerCpu, processCpu, wall);
            }
        }
    }

    /**
     * Heap per rollout that waits in the scheduler after its first step, without the API server in the picture: the
     * same scheduler, driver, state machine and states, with hands that write nothing (the route's objects live in
     * the cluster, not here).
     */
    static long engineHeapPerRollout(int count) throws Exception {
        Clock clock = Clock.systemUTC();
        CanaryPlan plan = new CanaryPlan(STEPS, Duration.ofHours(1), 1, 10, EndAction.PROMOTE, Duration.ofHours(24));
        ConstantAnalysis analysis = new ConstantAnalysis(Verdict.PASS);
        FirstStep firstStep = new FirstStep(count);
        long before = settledHeap();
        try (RolloutScheduler scheduler = new RolloutScheduler(SCHEDULER_THREADS, clock)) {
            List<RolloutScheduler.RunningRollout> running = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                RolloutDriver driver = new RolloutDriver(new WeightOnlyRouteControl(), analysis, clock, firstStep);
                running.add(scheduler.submit(driver, RolloutState.start("VirtualService scale/svc-" + i
                        + " route primary: v1 -> v2", plan, clock.instant())));
            }
            firstStep.await();
            long perRollout = (settledHeap() - before) / count;
            running.forEach(r -> r.abort("mesh bench"));
            for (RolloutScheduler.RunningRollout rollout : running) {
                rollout.completion().get(1, TimeUnit.MINUTES);
            }
            return perRollout;
        }
    }

    /** Route hands that remember nothing: for the engine-side heap figure. */
    private static final class WeightOnlyRouteControl implements RouteControl {
        @Override
        public void acquire() {
        }

        @Override
        public int setWeight(int weight) {
            return weight;
        }

        @Override
        public void promote() {
        }

        @Override
        public void hold() {
        }

        @Override
        public void restore(String reason) {
        }
    }

    /** Waits until every rollout has set its first weight. */
    private static final class FirstStep implements RolloutListener {
        private final CountDownLatch latch;

        FirstStep(int count) {
            latch = new CountDownLatch(count);
        }

        @Override
        public void onEvent(TimelineEvent event) {
            if (event.type() == TimelineEvent.Type.WEIGHT_SET && event.weight() == STEPS.get(0)) {
                latch.countDown();
            }
        }

        void await() throws InterruptedException {
            if (!latch.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the rollouts did not all reach their first step within 10 minutes");
            }
        }
    }

    /** CPU time of the scheduler's threads (named mesh-rollout-N) so far. */
    private static long schedulerCpuNanos(ThreadMXBean threads) {
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("mesh-rollout-")) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                total += Math.max(0, cpu);
            }
        }
        return total;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** Heap in use after full collections, once it stops shrinking. */
    static long settledHeap() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(50);
            long used = runtime.totalMemory() - runtime.freeMemory();
            if (used >= previous - 64 * 1024) {
                return used;
            }
            previous = used;
        }
        return previous;
    }

    private static String kilobytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f KB", bytes / KB);
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.0f us", nanos / 1000.0);
    }
}
