package io.jenkins.plugins.mesh.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The P1 goals, met or missed: ours serves at most 1/5 of the bad requests of Flagger's threshold-5 rule in each
 * regression scenario, and rolls back at most 1 % of healthy canaries in each healthy scenario.
 */
final class BlastRadiusGoals {

    static final String OURS = "ours (default)";
    static final String FLAGGER_5 = "Flagger rule, threshold 5";
    static final double MAX_BAD_RATIO = 0.2;
    static final double MAX_FALSE_ROLLBACKS = 0.01;

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
                double share = ours.restoredShare();
                rows.add(List.of(scenario.name(), "false rollbacks <= 1%", BlastRadiusBenchmark.percent(share),
                        share <= MAX_FALSE_ROLLBACKS ? "met" : "missed"));
            } else {
                BlastRadiusBenchmark.Cell flagger = byPolicy.get(FLAGGER_5);
                double ratio = flagger.meanBadRequests() == 0 ? (ours.meanBadRequests() == 0 ? 0 : Double.POSITIVE_INFINITY)
                        : ours.meanBadRequests() / flagger.meanBadRequests();
                rows.add(List.of(scenario.name(), "bad requests <= 1/5 of Flagger threshold 5",
                        String.format(Locale.ROOT, "%.0f / %.0f = %.2f", ours.meanBadRequests(),
                                flagger.meanBadRequests(), ratio), ratio <= MAX_BAD_RATIO ? "met" : "missed"));
            }
        }
        return new BenchTable("P1 goals", "ours against the goals of issue 8", List.of("scenario", "goal", "ours",
                "verdict"), rows);
    }
}
