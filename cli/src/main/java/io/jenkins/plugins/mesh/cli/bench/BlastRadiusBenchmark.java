package io.jenkins.plugins.mesh.cli.bench;

import io.jenkins.plugins.mesh.engine.rollout.AnalysisMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * P1 blast radius: each scenario of {@link BlastRadiusScenario#suite()} run under every policy on identical seeded
 * traffic (same seed, same requests until the policies' weights differ), in simulated time with in-process metrics.
 * Per scenario and policy: outcomes, requests the canary served while bad and how many failed, time from the start of
 * the regression to the routes restored; for healthy canaries, the share rolled back (false rollbacks).
 */
public final class BlastRadiusBenchmark implements BenchSection {

    @Override
    public String id() {
        return "P1";
    }

    /** One step plan for every policy: Flagger's tutorial, stepWeight 10 up to maxWeight 50, then promote. */
    static final List<Integer> STEPS = List.of(10, 20, 30, 40, 50);
    /** Traffic a promoted bad canary serves is counted up to this long after the rollout's start. */
    static final Duration HORIZON = Duration.ofMinutes(60);
    static final int SEEDS = 200;
    static final int QUICK_SEEDS = 40;
    /** The engine's checks in both modes: the defaults. */
    static final List<String> CHECKS = List.of();

    private final List<BlastRadiusScenario> scenarios;
    private final List<CanaryPolicy> policies;
    private final int seeds;
    private final int quickSeeds;
    private List<Cell> results = List.of();

    /** Seeds per row of a full run instead of {@link #SEEDS}, e.g. {@code MESH_JAVA_OPTS=-Dmesh.bench.p1.seeds=1000}. */
    static final String SEEDS_PROPERTY = "mesh.bench.p1.seeds";

    /** The blast-radius suite with our engine, Flagger's rule (threshold 1 and 5) and Argo's example. */
    public BlastRadiusBenchmark() {
        this(BlastRadiusScenario.suite(), Integer.getInteger(SEEDS_PROPERTY, SEEDS), QUICK_SEEDS);
    }

    BlastRadiusBenchmark(List<BlastRadiusScenario> scenarios, int seeds, int quickSeeds) {
        this.scenarios = List.copyOf(scenarios);
        this.policies = List.of(new EnginePolicy(STEPS, AnalysisMode.SEQUENTIAL, CHECKS),
                new EnginePolicy(STEPS, AnalysisMode.FIXED, CHECKS), new FlaggerRulePolicy(1, 10, 50),
                new FlaggerRulePolicy(5, 10, 50), new ArgoAnalysisPolicy(STEPS));
        this.seeds = seeds;
        this.quickSeeds = quickSeeds;
    }

    /** The figures of one scenario under one policy, over all seeds. */
    record Cell(BlastRadiusScenario scenario, String policy, int seeds, int promoted, int restored,
            int inconclusive, double meanBadRequests, double meanFailedRequests, Duration restoreP50, Duration restoreP90) {

        double promotedShare() {
            return (double) promoted / seeds;
        }

        double restoredShare() {
            return (double) restored / seeds;
        }

        /** Restored with a verdict against the canary: on a healthy scenario, the false rollbacks. */
        double rolledBackShare() {
            return (double) (restored - inconclusive) / seeds;
        }

        /** Restored because the canary could not be judged (ours: INCONCLUSIVE), not counted as rolled back. */
        double inconclusiveShare() {
            return (double) inconclusive / seeds;
        }
    }

    @Override
    public BenchTable run(boolean quick) throws Exception {
        int runs = quick ? quickSeeds : seeds;
        List<Cell> cells = new ArrayList<>();
        for (BlastRadiusScenario scenario : scenarios) {
            for (CanaryPolicy policy : policies) {
                cells.add(measure(scenario, policy, runs));
            }
        }
        results = List.copyOf(cells);
        List<List<String>> rows = new ArrayList<>();
        for (Cell cell : cells) {
            boolean healthy = cell.scenario().healthy();
            rows.add(List.of(cell.scenario().name(), cell.policy(), String.valueOf(cell.seeds()),
                    percent(cell.promotedShare()), percent(cell.rolledBackShare()),
                    percent(cell.inconclusiveShare()),
                    healthy ? "-" : String.format(Locale.ROOT, "%.0f", cell.meanBadRequests()),
                    healthy ? "-" : String.format(Locale.ROOT, "%.0f", cell.meanFailedRequests()),
                    healthy ? "-" : minutes(cell.restoreP50()), healthy ? "-" : minutes(cell.restoreP90()),
                    healthy ? "-" : percent(cell.promotedShare())));
        }
        return new BenchTable("P1", "blast radius in simulated time, " + runs + " seeds per row (steps "
                + STEPS + ", interval 1m; Flagger and Argo rows are emulations of their documented rules; rolled back "
                + "on a healthy row = false rollbacks)", List.of("scenario", "policy", "seeds", "promoted",
                "rolled back", "inconclusive", "bad requests", "failed requests", "restore p50", "restore p90", "never restored"),
                rows);
    }

    /** The results of the last {@link #run}, for the goals. */
    List<Cell> results() {
        return results;
    }

    /** The section that states the P1 goals as met or missed, from the figures of this benchmark's last run. */
    public BenchSection goals() {
        return new BenchSection() {
            @Override
            public String id() {
                return "P1 goals";
            }

            @Override
            public BenchTable run(boolean quick) throws Exception {
                if (results.isEmpty()) {
                    BlastRadiusBenchmark.this.run(quick);
                }
                return BlastRadiusGoals.table(results);
            }
        };
    }

    private static Cell measure(BlastRadiusScenario scenario, CanaryPolicy policy, int runs) throws Exception {
        int promoted = 0;
        int restored = 0;
        int inconclusive = 0;
        double bad = 0;
        double failed = 0;
        List<Long> restoreSeconds = new ArrayList<>();
        for (int seed = 1; seed <= runs; seed++) {
            SimulatedCanary canary = new SimulatedCanary(scenario, seed);
            SimulatedCanary.End end = policy.run(canary);
            if (end.promoted()) {
                promoted++;
            } else {
                restored++;
                if (end.inconclusive()) {
                    inconclusive++;
                }
            }
            SimulatedCanary.Exposure exposure = canary.exposure(end, HORIZON);
            if (exposure != null) {
                bad += exposure.badRequests();
                failed += exposure.failedRequests();
                if (exposure.timeToRestore() != null) {
                    restoreSeconds.add(exposure.timeToRestore().toSeconds());
                }
            }
        }
        return new Cell(scenario, policy.name(), runs, promoted, restored, inconclusive, bad / runs, failed / runs,
                quantile(restoreSeconds, 0.5), quantile(restoreSeconds, 0.9));
    }

    /** The q-quantile (nearest rank) of the restore times, or null when none restored. */
    private static Duration quantile(List<Long> seconds, double q) {
        if (seconds.isEmpty()) {
            return null;
        }
        long[] sorted = seconds.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return Duration.ofSeconds(sorted[Math.max(0, rank)]);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String minutes(Duration duration) {
        return duration == null ? "never" : String.format(Locale.ROOT, "%.1f min", duration.toSeconds() / 60.0);
    }

    /** The cells of one scenario, by policy name. */
    static Map<String, Cell> byPolicy(List<Cell> cells, BlastRadiusScenario scenario) {
        Map<String, Cell> map = new LinkedHashMap<>();
        for (Cell cell : cells) {
            if (cell.scenario().equals(scenario)) {
                map.put(cell.policy(), cell);
            }
        }
        return map;
    }
}
