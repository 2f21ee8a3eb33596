package io.jenkins.plugins.mesh.cli;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.mesh.engine.DurationText;
import io.jenkins.plugins.mesh.engine.analysis.MeshObserver;
import io.jenkins.plugins.mesh.engine.analysis.MetricProvider;
import io.jenkins.plugins.mesh.engine.analysis.PrometheusMeshObserver;
import io.jenkins.plugins.mesh.engine.rollout.AnalysisMode;
import io.jenkins.plugins.mesh.engine.rollout.CanaryPlan;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRequest;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRollout;
import io.jenkins.plugins.mesh.engine.rollout.Outcome;
import io.jenkins.plugins.mesh.engine.rollout.PhaseOptions;
import io.jenkins.plugins.mesh.engine.rollout.RolloutDriver;
import io.jenkins.plugins.mesh.engine.rollout.RolloutListener;
import io.jenkins.plugins.mesh.engine.rollout.RolloutScheduler;
import io.jenkins.plugins.mesh.engine.rollout.RolloutState;
import io.jenkins.plugins.mesh.engine.rollout.TimelineEvent;
import io.jenkins.plugins.mesh.engine.traffic.Holder;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import io.jenkins.plugins.mesh.simulator.LatencyDistribution;
import io.jenkins.plugins.mesh.simulator.RealTimeTicker;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import io.jenkins.plugins.mesh.simulator.SimulatedObserver;
import io.jenkins.plugins.mesh.simulator.SimulatedRolloutRunner;
import io.jenkins.plugins.mesh.simulator.SimulationClock;
import io.jenkins.plugins.mesh.simulator.TrafficModel;
import io.jenkins.plugins.mesh.simulator.VersionBehaviour;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One canary of {@code mesh demo}, on a fresh simulated mesh (the seeded bookinfo namespace: VirtualService
 * {@code reviews}, route {@code primary}, v1 100 / v2 0): v2 is rolled out with the given behaviour, the story is
 * printed line by line, and the VirtualService's spec is read before and after so the summary can prove where the
 * route ended.
 *
 * @param title the scenario's heading
 * @param canary how v2 behaves (v1 always answers with 0.1 % errors and a p99 of 120 ms)
 * @param expected the outcome the demo shows
 * @param faultFrom when v2's fault begins, from the rollout's start; null for a healthy canary
 * @param phases the phases before the steps (a mirror phase), or {@link PhaseOptions#NONE}
 */
record DemoScenario(String title, VersionBehaviour canary, Outcome expected, Duration faultFrom,
        PhaseOptions phases) {

    static final List<Integer> STEPS = List.of(10, 20, 50);
    static final List<String> CHECKS = List.of("success-rate>=99", "error-rate-vs-stable", "latency-p99-vs-stable<=1.5x");
    static final double REQUESTS_PER_SECOND = 200;
    static final LatencyDistribution LATENCY = LatencyDistribution.of(20, 120);
    static final VersionBehaviour HEALTHY = VersionBehaviour.of(0.001, LATENCY);
    static final double FAULTY_ERROR_RATIO = 0.20;
    static final Duration TRAFFIC_WAIT = Duration.ofSeconds(60);
    static final int MIRRORED_PERCENT = 50;

    /** v2 as healthy as v1. */
    static DemoScenario healthy() {
        return new DemoScenario("a healthy canary: v2 answers like v1 (0.1% errors, p99 120 ms)", HEALTHY,
                Outcome.PROMOTED, null, PhaseOptions.NONE);
    }

    /**
     * v2 healthy at first; a quarter into its second step (20%), 20% of its requests start failing. (A quarter, not
     * the step's start: a real Prometheus sees the traffic a scrape or two late, so the failures must fill most of the
     * step's window to show in it.)
     */
    static DemoScenario faulty(Duration interval) {
        Duration errorsFrom = interval.plus(interval.dividedBy(4)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return new DemoScenario("a faulty canary: from " + DurationText.format(
                errorsFrom) + " on, during its 20% step, " + Math.round(FAULTY_ERROR_RATIO * 100)
                + "% of v2's requests fail", HEALTHY.errorsFrom(errorsFrom, FAULTY_ERROR_RATIO), Outcome.ROLLED_BACK,
                errorsFrom, PhaseOptions.NONE);
    }

    /**
     * v2 faulty from the start, with a mirror phase first: it answers copies of half the requests, which reach no
     * one, and fails there, before it serves any user.
     */
    static DemoScenario faultyMirrored() {
        return new DemoScenario("a faulty canary with a mirror phase first: " + Math.round(FAULTY_ERROR_RATIO * 100)
                + "% of v2's requests fail from the start, and v2 first answers copies of " + MIRRORED_PERCENT
                + "% of the requests, whose answers reach no one", VersionBehaviour.of(FAULTY_ERROR_RATIO, LATENCY),
                Outcome.ROLLED_BACK, Duration.ZERO, new PhaseOptions((double) MIRRORED_PERCENT, null, List.of(), null,
                        null, null));
    }

    /** How the demo's rollouts get their time and metrics. */
    interface Mesh {
        /** The clock the model, the rollout and the story share. */
        Clock clock();

        /** Reads the model's metrics: in-process, or a Prometheus scraping it. */
        MeshObserver observer(TrafficModel model);

        /** Runs custom queries; null when there is no Prometheus. */
        MetricProvider metrics();

        /** The model whose metrics are served now (for a Prometheus scraping it). */
        void serve(TrafficModel model);

        /** Runs the rollout to its end. */
        RolloutState run(RolloutDriver driver, RolloutState start, TrafficModel model, CanaryRollout rollout);
    }

    /** What one scenario did. */
    record Result(DemoScenario scenario, RolloutState end, Map<String, Object> specBefore,
            Map<String, Object> specAfter, String weightsBefore, String weightsAfter, Duration took,
            long servedByCanary, long copiesToCanary) {

        boolean asExpected() {
            if (end.outcome() != scenario.expected()) {
                return false;
            }
            return scenario.expected() != Outcome.ROLLED_BACK || specAfter.equals(specBefore);
        }
    }

    /** Runs the scenario on a fresh simulated mesh and prints its story to {@code out}. */
    Result run(Mesh mesh, Duration interval, long seed, RolloutListener pacing, PrintWriter out) {
        try (SimulatedCluster cluster = SimulatedCluster.start()) {
            Clock clock = mesh.clock();
            TrafficModel model = cluster.reviewsTraffic(HEALTHY, canary).requestRate(REQUESTS_PER_SECOND)
                    .clock(clock).seed(seed).build();
            mesh.serve(model);
            TrafficController traffic = new TrafficController(cluster.client(), clock, TrafficSettings.defaults());
            CanaryRequest request = CanaryRequest.of(RouteKind.VIRTUAL_SERVICE, SimulatedCluster.NAMESPACE,
                    SimulatedCluster.SERVICE, "v1", "v2", STEPS).withRoute(SimulatedCluster.PRIMARY_ROUTE)
                    .withInterval(interval).withChecks(CHECKS)
                    .withAnalysis(AnalysisMode.SEQUENTIAL, sampleEvery(interval))
                    .withPhases(phases.phases(interval, STEPS));
            CanaryRollout rollout = CanaryRollout.prepare(request, traffic, new Holder("mesh-demo", null),
                    mesh.observer(model), mesh.metrics());
            Map<String, Object> before = spec(cluster);
            String weightsBefore = weights(traffic, rollout);
            out.println("rolling out " + rollout.describe() + " (weights now: " + weightsBefore + ")");
            if (request.phases().mirror() != null) {
                out.println("first a mirror phase of " + DurationText.format(request.phases().mirror().duration())
                        + ": " + request.phases().mirror().mirror().describe() + ", judged by the canary's answers "
                        + "to the copies (its own proxy's metrics, reporter destination)");
            }
            out.println("steps " + STEPS.stream().map(w -> w + "%").toList() + ", analysis every "
                    + DurationText.format(interval) + " (a sequential look every "
                    + DurationText.format(request.sampleEvery()) + "), checks "
                    + String.join(", ", CHECKS));
            Instant start = clock.instant();
            ProgressLines lines = ProgressLines.elapsed(out, start);
            RolloutListener listener = new RolloutListener() {
                @Override
                public void onState(RolloutState state) {
                    lines.onState(state);
                }

                @Override
                public void onEvent(TimelineEvent event) {
                    pacing.onEvent(event);
                    lines.onEvent(event);
                }
            };
            RolloutState end = mesh.run(rollout.driver(clock, listener), rollout.start(start), model, rollout);
            Duration took = Duration.between(start, clock.instant());
            Map<String, Object> after = spec(cluster);
            return new Result(this, end, before, after, weightsBefore, weights(traffic, rollout), took,
                    model.cumulative(SimulatedCluster.CANARY).requests(),
                    model.cumulativeMirrored(SimulatedCluster.CANARY).requests());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(SimulatedCluster cluster) {
        GenericKubernetesResource resource = cluster.reviewsVirtualService();
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }

    /** The route's weights as stored now (a read: the preview of a change that is never made). */
    private static String weights(TrafficController traffic, CanaryRollout rollout) {
        return TrafficFailures.weights(traffic.preview(rollout.target(), 0).before());
    }

    /**
     * The default look every 10 s, or two looks per interval when the interval is shorter (the real-time demo's
     * interval of a few seconds, scraped every second).
     */
    static Duration sampleEvery(Duration interval) {
        Duration half = interval.dividedBy(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Duration every = half.compareTo(CanaryPlan.DEFAULT_SAMPLE_EVERY) < 0 ? half : CanaryPlan.DEFAULT_SAMPLE_EVERY;
        return every.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : every;
    }

    /** A short fingerprint of a spec, to show two specs are the same. */
    static String fingerprint(Map<String, Object> spec) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(spec).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The in-process mesh: simulated time, metrics from the model's own records. A rollout takes milliseconds. */
    static final class SimulatedTime implements Mesh {
        private final SimulationClock clock = SimulationClock.at(Instant.now().truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS));

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public MeshObserver observer(TrafficModel model) {
            return new SimulatedObserver(model);
        }

        @Override
        public MetricProvider metrics() {
            return null;
        }

        @Override
        public void serve(TrafficModel model) {
            // Nothing scrapes: the observer reads the model directly.
        }

        @Override
        public RolloutState run(RolloutDriver driver, RolloutState start, TrafficModel model, CanaryRollout rollout) {
            return new SimulatedRolloutRunner(clock, List.of(model)).run(driver, start);
        }
    }

    /** Real time: the model ticks on the system clock, Prometheus scrapes it, the rollout reads Prometheus. */
    static final class RealTime implements Mesh {
        private final MetricProvider metrics;
        private final Consumer<TrafficModel> serving;

        RealTime(MetricProvider metrics, Consumer<TrafficModel> serving) {
            this.metrics = metrics;
            this.serving = serving;
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public MeshObserver observer(TrafficModel model) {
            return new PrometheusMeshObserver(metrics);
        }

        @Override
        public MetricProvider metrics() {
            return metrics;
        }

        @Override
        public void serve(TrafficModel model) {
            serving.accept(model);
        }

        @Override
        public RolloutState run(RolloutDriver driver, RolloutState start, TrafficModel model, CanaryRollout rollout) {
            try (RealTimeTicker ticker = RealTimeTicker.start(Duration.ofMillis(200), model);
                    RolloutScheduler scheduler = new RolloutScheduler(1, Clock.systemUTC())) {
                awaitStableTraffic(rollout);
                return scheduler.submit(driver, start).completion().join();
            }
        }

        /**
         * Waits until Prometheus has scraped the stable's traffic twice, as it has on a live service, so the
         * rollout's pre-flight reads its rate; a Prometheus that never does is the pre-flight's to report.
         */
        private void awaitStableTraffic(CanaryRollout rollout) {
            PrometheusMeshObserver observer = new PrometheusMeshObserver(metrics);
            Instant deadline = Instant.now().plus(TRAFFIC_WAIT);
            while (Instant.now().isBefore(deadline)) {
                try {
                    if (rollout.estimate(observer, Instant.now()).requestsPerSecond() > 0) {
                        return;
                    }
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    return;
                }
            }
        }
    }
}
