package io.jenkins.plugins.mesh.cli.bench;

import io.jenkins.plugins.mesh.engine.rollout.AnalysisMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The P1 goals (issue 16), met or missed by the engine's default analysis (sequential): at most 1/10 of the bad
 * requests of Flagger's threshold-5 rule on every regression scenario; a restore p50 of at most 20 s for error
 * regressions of 5 % and more at 100 requests/s; at most 1 % false rollbacks on every healthy scenario, inconclusive
 * ends counted apart (they restore the routes, but say that nothing was known).
 */
final class BlastRadiusGoals {

    static final String OURS = EnginePolicy.name(AnalysisMode.SEQUENTIAL);
    static final String FLAGGER_5 = "Flagger rule, threshold 5";
    static final double MAX_BAD_RATIO = 0.1;
    static final double MAX_FALSE_ROLLBACKS = 0.01;
    static final Duration MAX_RESTORE_P50 = Duration.ofSeconds(20);
    /** Error regressions at least this large, at {@link BlastRadiusScenario#RATE}, have the restore goal. */
    static final double FAST_RESTORE_FROM = 0.05;

    private BlastRadiusGoals() {
    }

    static BenchTable table(List<BlastRadiusBenchmark.Cell> cells) {
        Set<BlastRadiusScenario> scenarios = new LinkedHashSet<>();
        cells.forEach(cell -> scenarios.add(cell.scenario()));
        List<List<String>> rows = new ArrayList<>();
        for (BlastRadiusScenario scenario : scenarios) {
            Map<String, BlastRadiusBenchmark.Cell> byPolicy = BlastRadiusBenchmark.byPolicy(cells, scenario);
            BlastRadiusBenchmark.Cell ours = byPolicy.get(OURS);
            if (scenario.healthy()) {
                double share = ours.rolledBackShare();
                rows.add(List.of(scenario.name(), "false rollbacks <= 1%", BlastRadiusBenchmark.percent(share)
                        + " (inconclusive " + BlastRadiusBenchmark.percent(ours.inconclusiveShare()) + ")",
                        share <= MAX_FALSE_ROLLBACKS ? "met" : "missed"));
                continue;
            }
            BlastRadiusBenchmark.Cell flagger = byPolicy.get(FLAGGER_5);
            double ratio = flagger.meanBadRequests() == 0 ? (ours.meanBadRequests() == 0 ? 0 : Double.POSITIVE_INFINITY)
                    : ours.meanBadRequests() / flagger.meanBadRequests();
            rows.add(List.of(scenario.name(), "bad requests <= 1/10 of Flagger threshold 5",
                    String.format(Locale.ROOT, "%.0f / %.0f = %.3f", ours.meanBadRequests(),
                            flagger.meanBadRequests(), ratio), ratio <= MAX_BAD_RATIO ? "met" : "missed"));
            if (hasRestoreGoal(scenario)) {
                Duration p50 = ours.restoreP50();
                rows.add(List.of(scenario.name(), "restore p50 <= " + MAX_RESTORE_P50.toSeconds() + " s",
                        p50 == null ? "never" : p50.toSeconds() + " s",
                        p50 != null && p50.compareTo(MAX_RESTORE_P50) <= 0 ? "met" : "missed"));
            }
        }
        return new BenchTable("P1 goals", "ours (sequential, default) against the project's goals",
                List.of("scenario", "goal", "ours", "verdict"), rows);
    }

    /** Error regressions of 5 % and more at 100 requests/s. */
    static boolean hasRestoreGoal(BlastRadiusScenario scenario) {
        return !scenario.healthy() && scenario.requestsPerSecond() >= BlastRadiusScenario.RATE
                && scenario.canary().errorRatio().at(scenario.regressionStart()) >= FAST_RESTORE_FROM;
    }
}
