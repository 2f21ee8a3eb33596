package io.jenkins.plugins.mesh.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.Test;

public class BlastRadiusBenchmarkTest {

    private static BlastRadiusScenario scenario(String name) {
        return BlastRadiusScenario.suite().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    public void theSuiteHasTheScenariosOfTheIssue() {
        List<BlastRadiusScenario> suite = BlastRadiusScenario.suite();
        assertThat(suite).hasSize(14);
        assertThat(suite.stream().filter(BlastRadiusScenario::healthy)).hasSize(4);
        assertThat(scenario("20% errors from minute 3").regressionStart()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    public void sameSeedsGiveTheSameFigures() throws Exception {
        List<BlastRadiusScenario> scenarios = List.of(scenario("healthy 10 rps"), scenario("5% errors from start"));
        BenchTable first = new BlastRadiusBenchmark(scenarios, 4, 2).run(true);
        BenchTable second = new BlastRadiusBenchmark(scenarios, 4, 2).run(true);
        assertThat(second.rows()).isEqualTo(first.rows());
        assertThat(first.rows()).hasSize(2 * 5);
        assertThat(first.rows()).allSatisfy(row -> assertThat(row.get(2)).isEqualTo("2"));
    }

    @Test
    public void aBadCanaryIsRolledBackByEveryRuleAndCountsItsRequests() throws Exception {
        BlastRadiusBenchmark benchmark = new BlastRadiusBenchmark(List.of(scenario("20% errors from start")), 3, 3);
        benchmark.run(false);
        assertThat(benchmark.results()).hasSize(5).allSatisfy(cell -> {
            assertThat(cell.restored()).isEqualTo(3);
            assertThat(cell.meanBadRequests()).isPositive();
            assertThat(cell.meanFailedRequests()).isPositive().isLessThan(cell.meanBadRequests() * 0.3);
            assertThat(cell.restoreP50()).isNotNull();
        });
        BenchTable goals = benchmark.goals().run(false);
        assertThat(goals.rows()).extracting(row -> row.get(1))
                .containsExactly("bad requests <= 1/10 of Flagger threshold 5", "restore p50 <= 20 s");
        assertThat(goals.rows()).allSatisfy(row -> assertThat(row.get(3)).isIn("met", "missed"));
    }

    @Test
    public void flaggersRuleRestoresAtTheIntervalAfterTheThresholdthFailure() throws Exception {
        BlastRadiusScenario bad = scenario("20% errors from start");
        SimulatedCanary threshold1 = new SimulatedCanary(bad, 7);
        SimulatedCanary.End end1 = new FlaggerRulePolicy(1, 10, 50).run(threshold1);
        assertThat(end1.promoted()).isFalse();
        assertThat(Duration.between(threshold1.start(), end1.at())).isEqualTo(Duration.ofMinutes(2));
        SimulatedCanary threshold5 = new SimulatedCanary(bad, 7);
        SimulatedCanary.End end5 = new FlaggerRulePolicy(5, 10, 50).run(threshold5);
        assertThat(Duration.between(threshold5.start(), end5.at())).isEqualTo(Duration.ofMinutes(6));
    }

    @Test
    public void argosExampleFailsAfterFourFailedMeasurementsAndPromotesAfterTheLastPause() throws Exception {
        SimulatedCanary bad = new SimulatedCanary(scenario("20% errors from start"), 7);
        SimulatedCanary.End end = new ArgoAnalysisPolicy(BlastRadiusBenchmark.STEPS).run(bad);
        assertThat(end.promoted()).isFalse();
        assertThat(Duration.between(bad.start(), end.at())).isEqualTo(Duration.ofMinutes(15));
        SimulatedCanary healthy = new SimulatedCanary(scenario("healthy 100 rps"), 7);
        SimulatedCanary.End promoted = new ArgoAnalysisPolicy(BlastRadiusBenchmark.STEPS).run(healthy);
        assertThat(promoted.promoted()).isTrue();
        assertThat(Duration.between(healthy.start(), promoted.at())).isEqualTo(Duration.ofMinutes(25));
    }

    @Test
    public void aPromotedBadCanaryCountsItsTrafficUpToTheHorizon() {
        SimulatedCanary canary = new SimulatedCanary(scenario("20% errors from minute 3"), 1);
        canary.advanceTo(canary.start().plus(Duration.ofMinutes(1)));
        SimulatedCanary.End end = canary.promoted();
        SimulatedCanary.Exposure exposure = canary.exposure(end, Duration.ofMinutes(60));
        assertThat(exposure.timeToRestore()).isNull();
        assertThat(exposure.badRequests()).isEqualTo(100.0 * 57 * 60);
        assertThat(exposure.failedRequests()).isCloseTo(0.2 * 100 * 57 * 60, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    public void aCanaryTheEngineCannotJudgeIsCountedApartNotRolledBack() throws Exception {
        BlastRadiusScenario healthy = scenario("healthy 1 rps");
        // 0.3 requests/s: the canary at 10 % would serve 50 requests in about 28 minutes, past 20 inconclusive
        // analyses; the pre-flight sees it and does not start, which counts with the inconclusive ones
        BlastRadiusScenario quiet = new BlastRadiusScenario("healthy 0.3 rps", 0.3, healthy.stable(), healthy.canary(),
                null);
        BlastRadiusBenchmark benchmark = new BlastRadiusBenchmark(List.of(quiet), 2, 2);
        benchmark.run(false);
        BlastRadiusBenchmark.Cell ours = BlastRadiusBenchmark.byPolicy(benchmark.results(), quiet)
                .get(BlastRadiusGoals.OURS);
        assertThat(ours.inconclusive()).isEqualTo(2);
        assertThat(ours.restored()).isEqualTo(2);
        assertThat(ours.rolledBackShare()).isZero();
        assertThat(BlastRadiusGoals.table(benchmark.results()).rows()).singleElement()
                .satisfies(row -> assertThat(row.get(2)).isEqualTo("0.0% (inconclusive 100.0%)"));
    }
}
