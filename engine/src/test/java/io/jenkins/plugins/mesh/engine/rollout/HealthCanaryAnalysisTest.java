package io.jenkins.plugins.mesh.engine.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.engine.analysis.HealthAnalysis;
import io.jenkins.plugins.mesh.engine.analysis.MeshObserver;
import io.jenkins.plugins.mesh.engine.analysis.MetricException;
import io.jenkins.plugins.mesh.engine.analysis.RequestCounts;
import io.jenkins.plugins.mesh.engine.analysis.TailCounts;
import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import io.jenkins.plugins.mesh.engine.analysis.VersionSelector;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.Test;

public class HealthCanaryAnalysisTest {

    private static final VersionSelector STABLE = VersionSelector.subset("shop", "reviews", "v1");
    private static final VersionSelector CANARY = VersionSelector.subset("shop", "reviews", "v2");
    private static final Instant AT = Instant.parse("2026-01-01T10:10:00Z");

    /** Steady traffic: requests and errors grow with the window, as a real service's do. */
    private static class SteadyMesh implements MeshObserver {
        private final double canaryPerSecond;
        private final double canaryErrorRatio;

        SteadyMesh(double canaryPerSecond, double canaryErrorRatio) {
            this.canaryPerSecond = canaryPerSecond;
            this.canaryErrorRatio = canaryErrorRatio;
        }

        @Override
        public RequestCounts requests(VersionSelector version, Duration window, Instant at) {
            double seconds = window.toSeconds();
            if (version.equals(CANARY)) {
                double total = canaryPerSecond * seconds;
                return new RequestCounts(total, Math.round(total * canaryErrorRatio));
            }
            double total = 90 * seconds;
            return new RequestCounts(total, Math.round(total * 0.001));
        }

        @Override
        public OptionalDouble latencyMillis(VersionSelector version, double quantile, Duration window, Instant at) {
            return OptionalDouble.of(50);
        }

        /** 1 % of the stable's requests above the edge, 0.2 % of the canary's: a faster canary. */
        @Override
        public TailCounts slowerThan(VersionSelector version, double millis, Duration window, Instant at)
                throws MetricException {
            double total = requests(version, window, at).total();
            return new TailCounts(millis, total, Math.round(total * (version.equals(CANARY) ? 0.002 : 0.01)));
        }
    }

    /** A sequential look at {@code at}, the canary at 10 % for 5 minutes, then 30 % since a minute. */
    private static StepAnalysis look(MeshObserver mesh, boolean interim) {
        HealthAnalysis checks = HealthAnalysis.of(CanaryRequest.DEFAULT_CHECKS, Duration.ofMinutes(1), 50);
        Instant since = AT.minusSeconds(360);
        Instant stepStart = AT.minusSeconds(60);
        return new HealthCanaryAnalysis(checks, mesh, null, STABLE, CANARY).analyse(new Action.Analyse(30, stepStart,
                AT, since, List.of(since, stepStart), interim));
    }

    private static StepAnalysis analyse(MeshObserver mesh, Instant canarySince) {
        HealthAnalysis checks = HealthAnalysis.of(CanaryRequest.DEFAULT_CHECKS, Duration.ofMinutes(1), 50);
        return new HealthCanaryAnalysis(checks, mesh, null, STABLE, CANARY)
                .analyse(30, AT.minusSeconds(60), AT, canarySince);
    }

    @Test
    public void aSmallRegressionTooSmallForOneStepIsProvenOverTheRolloutSoFar() {
        SteadyMesh onePercent = new SteadyMesh(10, 0.01);
        StepAnalysis oneStep = analyse(onePercent, AT.minusSeconds(60));
        assertThat(oneStep.verdict()).as(oneStep.toString()).isEqualTo(Verdict.PASS);
        assertThat(oneStep.checks()).hasSize(3);

        StepAnalysis fiveSteps = analyse(onePercent, AT.minusSeconds(300));
        assertThat(fiveSteps.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(fiveSteps.checks()).extracting(CheckSummary::name)
                .contains("error-rate-vs-stable (since the canary started)");
        assertThat(fiveSteps.failures()).contains("error-rate-vs-stable (since the canary started)");
    }

    @Test
    public void aHealthyCanaryPassesOverBothWindows() {
        StepAnalysis healthy = analyse(new SteadyMesh(10, 0.001), AT.minusSeconds(600));
        assertThat(healthy.verdict()).isEqualTo(Verdict.PASS);
        assertThat(healthy.checks()).hasSize(5);
    }

    @Test
    public void theRolloutWindowIsCapped() {
        StepAnalysis longAgo = analyse(new SteadyMesh(10, 0.001), AT.minus(Duration.ofHours(5)));
        assertThat(longAgo.verdict()).isEqualTo(Verdict.PASS);
        assertThat(HealthCanaryAnalysis.LONGEST_GUARD_WINDOW).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    public void anInterimLookFailsARegressionButNeverPassesEarly() {
        StepAnalysis healthy = look(new SteadyMesh(10, 0.001), true);
        assertThat(healthy.checks()).extracting(CheckSummary::verdict).as(healthy.toString())
                .containsOnly(Verdict.PASS);
        assertThat(healthy.verdict()).as("the step keeps its interval").isEqualTo(Verdict.INCONCLUSIVE);

        StepAnalysis bad = look(new SteadyMesh(10, 0.05), true);
        assertThat(bad.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(bad.failures()).contains("error-rate-vs-stable" + HealthAnalysis.SEQUENTIAL_NOTE);

        StepAnalysis end = look(new SteadyMesh(10, 0.001), false);
        assertThat(end.verdict()).as("the interval's end judges the step").isEqualTo(Verdict.PASS);
    }

    @Test
    public void theIntervalsEndJudgesEachGuardOnceByItsSequentialFormUnlessItCannotBeRead() {
        StepAnalysis end = look(new SteadyMesh(10, 0.001), false);
        assertThat(end.checks()).extracting(CheckSummary::name).containsExactly("success-rate>=95",
                "error-rate-vs-stable" + HealthAnalysis.SEQUENTIAL_NOTE,
                "latency-p99-vs-stable<=1.5x" + HealthAnalysis.SEQUENTIAL_NOTE);

        MeshObserver noTails = new SteadyMesh(10, 0.001) {
            @Override
            public TailCounts slowerThan(VersionSelector version, double millis, Duration window, Instant at)
                    throws MetricException {
                throw new MetricException("no histogram");
            }
        };
        StepAnalysis fallback = look(noTails, false);
        assertThat(fallback.checks()).extracting(CheckSummary::name).contains("latency-p99-vs-stable<=1.5x",
                "latency-p99-vs-stable<=1.5x (since the canary started)")
                .doesNotContain("error-rate-vs-stable");
        assertThat(fallback.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    public void thePreFlightCountsTheWholeServiceStableAndCanary() throws Exception {
        HealthAnalysis checks = HealthAnalysis.of(CanaryRequest.DEFAULT_CHECKS, Duration.ofMinutes(1), 50);
        TrafficEstimate idleCanary = new HealthCanaryAnalysis(checks, new SteadyMesh(0, 0), null, STABLE, CANARY)
                .preFlight(10, AT);
        TrafficEstimate heldCanary = new HealthCanaryAnalysis(checks, new SteadyMesh(10, 0), null, STABLE, CANARY)
                .preFlight(10, AT);

        assertThat(idleCanary.requestsPerSecond()).isEqualTo(90);
        assertThat(heldCanary.requestsPerSecond()).as("a route already sending the canary some traffic")
                .isEqualTo(100);
        assertThat(heldCanary.timeToJudge()).isEqualTo(Duration.ofSeconds(5));
        assertThat(heldCanary.requestsNeeded()).isEqualTo(50);
    }
}
