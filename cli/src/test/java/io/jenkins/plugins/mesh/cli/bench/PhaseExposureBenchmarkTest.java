package io.jenkins.plugins.mesh.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.engine.rollout.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class PhaseExposureBenchmarkTest {

    private static final String AB = "A/B header:x-canary=exact:true";

    @Test
    public void eachPhaseExposesTheUsersItShouldAndAFaultCaughtEarlierFailsFewerOfThem() throws Exception {
        PhaseExposureBenchmark benchmark = new PhaseExposureBenchmark(PhaseExposureBenchmark.suite(), 3, 1);
        BenchTable table = benchmark.run(true);
        assertThat(table.id()).isEqualTo("P7");
        List<PhaseExposureBenchmark.ScenarioResult> results = benchmark.results();
        assertThat(results).hasSize(5);
        assertThat(table.rows()).hasSize(2 * 6 + 3 * 2);

        PhaseExposureBenchmark.ScenarioResult sticky = results.get(0);
        PhaseExposureBenchmark.ScenarioResult plain = results.get(1);
        for (PhaseExposureBenchmark.ScenarioResult healthy : List.of(sticky, plain)) {
            assertThat(healthy.outcomes()).isEqualTo(Map.of(Outcome.PROMOTED, 1));
            assertThat(healthy.stages()).extracting(PhaseExposureBenchmark.StageMeans::stage)
                    .containsExactly("mirror 20%", AB, "canary at 10%", "canary at 25%", "canary at 50%");
            PhaseExposureBenchmark.StageMeans mirror = healthy.stages().get(0);
            assertThat(mirror.userRequests()).isZero();
            assertThat(mirror.mirrored() / mirror.allRequests()).isBetween(0.15, 0.25);
            PhaseExposureBenchmark.StageMeans ab = healthy.stages().get(1);
            assertThat(ab.mirrored()).isZero();
            assertThat(ab.userRequests() / ab.allRequests()).isBetween(0.03, 0.07);
        }
        // Without sticky sessions the weights move users; with them, users keep the version that served them first.
        assertThat(share(plain, 4)).isGreaterThan(share(plain, 2) + 0.2);
        assertThat(share(sticky, 4) - share(sticky, 2)).isLessThan(share(plain, 4) - share(plain, 2));

        PhaseExposureBenchmark.ScenarioResult inMirror = results.get(2);
        PhaseExposureBenchmark.ScenarioResult inAb = results.get(3);
        PhaseExposureBenchmark.ScenarioResult atFirstStep = results.get(4);
        assertThat(List.of(inMirror, inAb, atFirstStep)).allSatisfy(faulty -> {
            assertThat(faulty.outcomes()).isEqualTo(Map.of(Outcome.ROLLED_BACK, 1));
            assertThat(faulty.stages()).hasSize(1);
        });
        assertThat(inMirror.stages().get(0).stage()).isEqualTo("mirror 20%");
        assertThat(inMirror.stages().get(0).mirroredErrors()).isPositive();
        assertThat(inAb.stages().get(0).stage()).isEqualTo(AB);
        assertThat(atFirstStep.stages().get(0).stage()).isEqualTo("canary at 10%");
        assertThat(inMirror.meanUserErrors()).isZero();
        assertThat(inAb.meanUserErrors()).isPositive().isLessThan(atFirstStep.meanUserErrors());
    }

    private static double share(PhaseExposureBenchmark.ScenarioResult result, int stage) {
        PhaseExposureBenchmark.StageMeans means = result.stages().get(stage);
        return means.userRequests() / means.allRequests();
    }
}
