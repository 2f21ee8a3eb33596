package io.jenkins.plugins.mesh.cli.bench;

import io.jenkins.plugins.mesh.engine.analysis.HealthAnalysis;
import io.jenkins.plugins.mesh.engine.rollout.CanaryPhases;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRequest;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRollout;
import io.jenkins.plugins.mesh.engine.rollout.EndAction;
import io.jenkins.plugins.mesh.engine.rollout.Outcome;
import io.jenkins.plugins.mesh.engine.rollout.PhaseOptions;
import io.jenkins.plugins.mesh.engine.rollout.RolloutState;
import io.jenkins.plugins.mesh.engine.traffic.Holder;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import io.jenkins.plugins.mesh.simulator.LatencyDistribution;
import io.jenkins.plugins.mesh.simulator.RequestMix;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import io.jenkins.plugins.mesh.simulator.SimulatedObserver;
import io.jenkins.plugins.mesh.simulator.SimulatedRolloutRunner;
import io.jenkins.plugins.mesh.simulator.SimulationClock;
import io.jenkins.plugins.mesh.simulator.TrafficModel;
import io.jenkins.plugins.mesh.simulator.VersionBehaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * P7 exposure by phase: who the canary serves in each stage of a rollout with a mirror phase, an A/B phase and
 * weighted steps, and how many users a faulty canary answers with errors when it is caught in the mirror phase, in
 * the A/B phase, or, without phases, at its first weighted step. The real engine ({@link CanaryRollout}, its
 * analysis, its writes through the simulator's API server over loopback) in simulated time; the traffic follows the
 * whole live routing of VirtualService bookinfo/reviews (mirror, A/B match, sticky cookies), 100 requests per
 * second from 2,000 users that keep their cookies, 5% of the requests carrying header {@code x-canary: true}. Mirror
 * 20% for one interval (1 min), the A/B phase for one interval, kept during steps 10, 25, 50 of one interval each.
 */
public final class PhaseExposureBenchmark implements BenchSection {

    static final int SEEDS = 20;
    static final int QUICK_SEEDS = 4;
    static final double REQUESTS_PER_SECOND = 100;
    static final double HEADER_SHARE = 0.05;
    static final Duration INTERVAL = Duration.ofMinutes(1);
    static final List<Integer> STEPS = List.of(10, 25, 50);
    private static final LatencyDistribution LATENCY = LatencyDistribution.of(20, 120);
    static final VersionBehaviour HEALTHY = VersionBehaviour.of(0.001, LATENCY);
    /** The faulty canary: 10% of its answers fail, from its first request on. */
    static final VersionBehaviour FAULTY = VersionBehaviour.of(0.10, LATENCY);
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final PhaseOptions ALL_PHASES = new PhaseOptions(20.0, null, List.of("header:x-canary=true"),
            null, "keep", "mesh-canary");
    private static final PhaseOptions ALL_PHASES_NOT_STICKY = new PhaseOptions(20.0, null,
            List.of("header:x-canary=true"), null, "keep", null);
    private static final PhaseOptions AB_ONLY = new PhaseOptions(null, null, List.of("header:x-canary=true"), null,
            "keep", "mesh-canary");

    /**
     * One rollout set-up of the benchmark.
     *
     * @param name for the table
     * @param canary how the canary behaves
     * @param options its phases
     */
    record Scenario(String name, VersionBehaviour canary, PhaseOptions options) {
    }

    /**
     * The scenarios: a healthy canary through every phase (with sticky sessions during the steps, and without, to show
     * what they change), then a faulty one caught in each place.
     */
    static List<Scenario> suite() {
        return List.of(
                new Scenario("healthy, mirror -> A/B -> sticky steps", HEALTHY, ALL_PHASES),
                new Scenario("healthy, mirror -> A/B -> steps", HEALTHY, ALL_PHASES_NOT_STICKY),
                new Scenario("faulty, mirror -> A/B -> sticky steps", FAULTY, ALL_PHASES),
                new Scenario("faulty, A/B -> sticky steps", FAULTY, AB_ONLY),
                new Scenario("faulty, steps only", FAULTY, PhaseOptions.NONE));
    }

    /**
     * A stage's figures over the seeds that reached it.
     *
     * @param runs how many seeds' rollouts reached the stage
     */
    record StageMeans(String stage, int runs, double seconds, double userRequests, double userErrors,
            double allRequests, double mirrored, double mirroredErrors) {
    }

    /** A scenario's figures: its stages, in the order they ran, and how its rollouts ended. */
    record ScenarioResult(Scenario scenario, List<StageMeans> stages, Map<Outcome, Integer> outcomes,
            double meanUserErrors, double meanUserRequests, double meanSeconds) {
    }

    private final List<Scenario> scenarios;
    private final int seeds;
    private final int quickSeeds;
    private final List<ScenarioResult> results = new ArrayList<>();

    public PhaseExposureBenchmark() {
        this(suite(), SEEDS, QUICK_SEEDS);
    }

    PhaseExposureBenchmark(List<Scenario> scenarios, int seeds, int quickSeeds) {
        this.scenarios = List.copyOf(scenarios);
        this.seeds = seeds;
        this.quickSeeds = quickSeeds;
    }

    @Override
    public String id() {
        return "P7";
    }

    @Override
    public BenchTable run(boolean quick) throws Exception {
        int count = quick ? quickSeeds : seeds;
        long started = System.nanoTime();
        results.clear();
        List<List<String>> rows = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            ScenarioResult result = measure(scenario, count);
            results.add(result);
            for (StageMeans stage : result.stages()) {
                rows.add(List.of(scenario.name(), stage.stage(), runs(stage.runs(), count),
                        seconds(stage.seconds()), whole(stage.userRequests()),
                        percent(stage.allRequests() == 0 ? 0 : stage.userRequests() / stage.allRequests()),
                        whole(stage.userErrors()), whole(stage.mirrored()) + " (" + whole(stage.mirroredErrors())
                                + ")", ""));
            }
            rows.add(List.of(scenario.name(), "whole rollout", String.valueOf(count), seconds(result.meanSeconds()),
                    whole(result.meanUserRequests()), "", whole(result.meanUserErrors()), "", ended(result)));
        }
        Runtime runtime = Runtime.getRuntime();
        long heapMb = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
        String title = "exposure by phase: what the canary serves in each stage, and the blast radius of a faulty "
                + "canary (10% errors) by where it is caught; means of " + count + " seeds, simulated time, "
                + String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - started) / 1e9) + " wall, heap in use "
                + heapMb + " MB";
        return new BenchTable("P7", title, List.of("canary", "stage", "runs", "time in stage",
                "user requests to the canary", "share of user requests", "failed user requests",
                "mirrored copies (failed)", "ended"), rows);
    }

    /** The figures of the last {@link #run}, per scenario. */
    List<ScenarioResult> results() {
        return List.copyOf(results);
    }

    private ScenarioResult measure(Scenario scenario, int count) throws Exception {
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        double userErrors = 0;
        double userRequests = 0;
        double seconds = 0;
        for (int seed = 1; seed <= count; seed++) {
            Run run = runOnce(scenario, seed);
            outcomes.merge(run.end().outcome(), 1, Integer::sum);
            seconds += Duration.between(START, run.end().endedAt()).toMillis() / 1000.0;
            for (StageTally.Stage stage : run.stages()) {
                double[] sum = sums.computeIfAbsent(stage.stage(), label -> new double[7]);
                sum[0]++;
                sum[1] += stage.duration().toMillis() / 1000.0;
                sum[2] += stage.userRequests();
                sum[3] += stage.userErrors();
                sum[4] += stage.allRequests();
                sum[5] += stage.mirrored();
                sum[6] += stage.mirroredErrors();
                userRequests += stage.userRequests();
                userErrors += stage.userErrors();
            }
        }
        List<StageMeans> stages = new ArrayList<>();
        sums.forEach((label, sum) -> stages.add(new StageMeans(label, (int) sum[0], sum[1] / sum[0], sum[2] / sum[0],
                sum[3] / sum[0], sum[4] / sum[0], sum[5] / sum[0], sum[6] / sum[0])));
        return new ScenarioResult(scenario, stages, outcomes, userErrors / count, userRequests / count,
                seconds / count);
    }

    private record Run(RolloutState end, List<StageTally.Stage> stages) {
    }

    /** One rollout on a fresh simulated cluster, in simulated time. */
    private static Run runOnce(Scenario scenario, long seed) {
        try (LoopbackCluster loopback = LoopbackCluster.start()) {
            SimulatedCluster cluster = loopback.cluster();
            SimulationClock clock = SimulationClock.at(START);
            TrafficModel model = cluster.reviewsTraffic(HEALTHY, scenario.canary()).requestRate(REQUESTS_PER_SECOND)
                    .requestMix(RequestMix.plain().withHeader("x-canary", "true", HEADER_SHARE)).users(2_000)
                    .clock(clock).seed(seed).build();
            TrafficController traffic = new TrafficController(cluster.client(), clock, TrafficSettings.defaults());
            CanaryPhases phases = scenario.options().phases(INTERVAL, STEPS);
            CanaryRequest request = new CanaryRequest(RouteKind.VIRTUAL_SERVICE, SimulatedCluster.NAMESPACE,
                    SimulatedCluster.SERVICE, SimulatedCluster.PRIMARY_ROUTE, "v1", "v2", STEPS, INTERVAL, null,
                    HealthAnalysis.DEFAULT_MIN_REQUESTS, null, null, EndAction.PROMOTE, 0, 0, null, false, null, null,
                    null, phases);
            CanaryRollout rollout = CanaryRollout.prepare(request, traffic, Holder.localUser("bench", "localhost"),
                    new SimulatedObserver(model), null);
            StageTally tally = new StageTally(model, clock, SimulatedCluster.STABLE, SimulatedCluster.CANARY);
            RolloutState end = new SimulatedRolloutRunner(clock, List.of(model))
                    .run(rollout.driver(clock, tally), rollout.start(clock.instant()));
            return new Run(end, tally.stages());
        }
    }

    private static String ended(ScenarioResult result) {
        List<String> parts = new ArrayList<>();
        result.outcomes().forEach((outcome, n) -> parts.add(n + " " + outcome.name()));
        return String.join(", ", parts);
    }

    private static String runs(int reached, int count) {
        return reached == count ? String.valueOf(count) : reached + " of " + count;
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.0f s", value);
    }

    private static String whole(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
