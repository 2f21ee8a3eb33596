package io.jenkins.plugins.mesh.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

public class ChecksTest {

    static final VersionSelector STABLE = VersionSelector.subset("shop", "reviews", "v1");
    static final VersionSelector CANARY = VersionSelector.subset("shop", "reviews", "v2");
    static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");
    static final Duration WINDOW = Duration.ofSeconds(60);

    private final FixedMeshObserver mesh = new FixedMeshObserver();

    private CheckRecord evaluate(Check check) throws MetricException {
        return check.evaluate(new CheckContext(mesh, null, STABLE, CANARY, WINDOW, 50, AT));
    }

    @Test
    public void successRatePassesAtOrAboveTheMinimum() throws Exception {
        mesh.counts(CANARY, 1000, 10);
        CheckRecord record = evaluate(new SuccessRateCheck(99));
        assertThat(record.verdict()).isEqualTo(Verdict.PASS);
        assertThat(record.check()).isEqualTo("success-rate>=99");
        assertThat(record.value()).isEqualTo(99.0);
        assertThat(record.time()).isEqualTo("2026-11-26T12:00:00Z");
        assertThat(record.window()).isEqualTo("60s");
        assertThat(record.measurements()).extracting(Measurement::name, Measurement::value).contains(
                org.assertj.core.groups.Tuple.tuple("canary requests", 1000.0),
                org.assertj.core.groups.Tuple.tuple("canary 5xx responses", 10.0),
                org.assertj.core.groups.Tuple.tuple("canary success rate %", 99.0));
    }

    @Test
    public void successRateFailsWhenSurelyBelow() throws Exception {
        mesh.counts(CANARY, 3600, 108); // 97 %
        CheckRecord record = evaluate(new SuccessRateCheck(99));
        assertThat(record.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(record.reason()).contains("97 %").contains("surely below the minimum 99 %");
    }

    @Test
    public void oneErrorAtLowTrafficIsInconclusiveNotAFailure() throws Exception {
        mesh.counts(CANARY, 60, 1); // 98.3 %: could be chance
        assertThat(evaluate(new SuccessRateCheck(99)).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        // With the bare threshold it fails, as in Flagger.
        assertThat(evaluate(new SuccessRateCheck(99, 0.5)).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    public void tooFewRequestsOrNoTrafficIsInconclusive() throws Exception {
        mesh.counts(CANARY, 49, 49);
        CheckRecord few = evaluate(new SuccessRateCheck(99, 0.5));
        assertThat(few.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(few.reason()).isEqualTo("canary served 49 requests in 60s, fewer than the 50 needed to judge");
        assertThat(few.value()).isNull();

        FixedMeshObserver empty = new FixedMeshObserver();
        CheckRecord none = new SuccessRateCheck(99).evaluate(
                new CheckContext(empty, null, STABLE, CANARY, WINDOW, 0, AT));
        assertThat(none.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(none.reason()).contains("served 0 requests");
    }

    @Test
    public void latencyJudgesTheCanaryPercentile() throws Exception {
        mesh.counts(CANARY, 500, 0).latency(CANARY, 0.99, 480);
        assertThat(evaluate(new LatencyCheck(Percentile.parse("p99"), 500)).verdict()).isEqualTo(Verdict.PASS);
        mesh.latency(CANARY, 0.99, 520);
        CheckRecord slow = evaluate(new LatencyCheck(Percentile.parse("p99"), 500));
        assertThat(slow.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(slow.reason()).isEqualTo("p99 latency 520 ms exceeds the limit 500 ms");
        assertThat(slow.value()).isEqualTo(520.0);
    }

    @Test
    public void latencyWithoutAFiniteValueIsInconclusive() throws Exception {
        mesh.counts(CANARY, 500, 0).latency(CANARY, 0.99, Double.POSITIVE_INFINITY);
        CheckRecord inf = evaluate(new LatencyCheck(Percentile.parse("p99"), 500));
        assertThat(inf.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(inf.measurements()).last().extracting(Measurement::value).isNull();
        mesh.latency(CANARY, 0.99, Double.NaN);
        assertThat(evaluate(new LatencyCheck(Percentile.parse("p99"), 500)).verdict())
                .isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    public void requestRateBelowTheMinimumIsInconclusiveNeverFail() throws Exception {
        mesh.counts(CANARY, 30, 30);
        CheckRecord slow = evaluate(new RequestRateCheck(1));
        assertThat(slow.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(slow.reason()).contains("0.5 requests/s");
        mesh.counts(CANARY, 60, 0);
        assertThat(evaluate(new RequestRateCheck(1)).verdict()).isEqualTo(Verdict.PASS);
        assertThat(evaluate(new RequestRateCheck(0)).verdict()).isEqualTo(Verdict.PASS);
        assertThat(new RequestRateCheck(0).evaluate(new CheckContext(new FixedMeshObserver(), null, STABLE, CANARY,
                WINDOW, 0, AT)).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    public void errorRateBaselineFailsARealRegressionPassesAHealthyCanaryAndWaitsOnLowTraffic() throws Exception {
        mesh.counts(STABLE, 6000, 30).counts(CANARY, 6000, 150); // 0.5 % against 2.5 %
        CheckRecord regression = evaluate(new ErrorRateBaselineCheck(ErrorRatePolicy.DEFAULT));
        assertThat(regression.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(regression.reason()).startsWith("canary errs 2.5 %, stable 0.5 %");
        assertThat(regression.value()).isCloseTo(2.0, org.assertj.core.api.Assertions.within(1e-9));

        mesh.counts(CANARY, 6000, 33);
        assertThat(evaluate(new ErrorRateBaselineCheck(ErrorRatePolicy.DEFAULT)).verdict()).isEqualTo(Verdict.PASS);

        mesh.counts(STABLE, 60, 0).counts(CANARY, 60, 2);
        assertThat(evaluate(new ErrorRateBaselineCheck(ErrorRatePolicy.DEFAULT)).verdict())
                .isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    public void errorRateBaselineNeedsTrafficOnBothVersions() throws Exception {
        mesh.counts(CANARY, 6000, 150);
        CheckRecord record = evaluate(new ErrorRateBaselineCheck(ErrorRatePolicy.DEFAULT));
        assertThat(record.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(record.reason()).startsWith("stable served 0 requests");
    }

    @Test
    public void latencyBaselineUsesTheRatioAndTheAbsoluteFloor() throws Exception {
        Check check = new LatencyBaselineCheck(Percentile.parse("p99"), 1.5, 25);
        mesh.counts(STABLE, 2000, 0).counts(CANARY, 2000, 0);
        mesh.latency(STABLE, 0.99, 2).latency(CANARY, 0.99, 4); // twice as slow, but only 2 ms
        assertThat(evaluate(check).verdict()).isEqualTo(Verdict.PASS);
        mesh.latency(STABLE, 0.99, 200).latency(CANARY, 0.99, 290);
        assertThat(evaluate(check).verdict()).isEqualTo(Verdict.PASS);
        mesh.latency(CANARY, 0.99, 310);
        CheckRecord slow = evaluate(check);
        assertThat(slow.verdict()).as("above the limit, but the bounds overlap").isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(slow.reason()).startsWith("canary p99 310 ms against stable 200 ms exceeds 300 ms, but not surely");
    }

    @Test
    public void latencyBaselineFailsWhenTheCanaryIsSurelySlower() throws Exception {
        Check check = new LatencyBaselineCheck(Percentile.parse("p99"), 1.5, 25);
        mesh.counts(STABLE, 2000, 0).counts(CANARY, 2000, 0);
        // With 2000 requests the bounds are about q -/+ 0.005: the canary's p98.5 against the stable's p99.5.
        mesh.latency(STABLE, 0.99, 200).latency(CANARY, 0.99, 700);
        mesh.latencyAbove(STABLE, 0.99, 240).latencyBelow(CANARY, 0.99, 600);
        CheckRecord slow = evaluate(check);
        assertThat(slow.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(slow.reason()).isEqualTo("canary p99 700 ms against stable 200 ms exceeds 300 ms, surely: even its "
                + "lower bound 600 ms exceeds the limit from the stable's upper bound, 360 ms");
        assertThat(slow.measurements()).extracting(Measurement::name).contains("canary p99 lower bound ms",
                "stable p99 upper bound ms");
        mesh.latencyBelow(CANARY, 0.99, 350);
        assertThat(evaluate(check).verdict()).as("its lower bound is within the limit").isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    public void latencyBaselineNeedsTrafficInTheTail() throws Exception {
        Check check = new LatencyBaselineCheck(Percentile.parse("p99"), 1.5, 25);
        mesh.counts(STABLE, 499, 0).counts(CANARY, 5000, 0).latency(STABLE, 0.99, 10).latency(CANARY, 0.99, 900);
        CheckRecord record = evaluate(check);
        assertThat(record.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(record.reason()).isEqualTo("stable served 499 requests in 60s, fewer than the 500 needed to "
                + "judge");
    }

    @Test
    public void aStepFailsOnAnyFailureElseIsInconclusiveOnAnyInconclusiveElsePasses() {
        mesh.counts(CANARY, 3600, 108).counts(STABLE, 3600, 0);
        HealthAnalysis analysis = HealthAnalysis.of(List.of("success-rate>=99", "latency-p99<=500"),
                Duration.ofSeconds(30), 50).withWindow(WINDOW);
        StepResult failed = analysis.evaluate(mesh, null, STABLE, CANARY, AT);
        assertThat(failed.checks()).extracting(CheckRecord::verdict)
                .containsExactly(Verdict.FAIL, Verdict.INCONCLUSIVE);
        assertThat(failed.verdict()).isEqualTo(Verdict.FAIL);

        mesh.counts(CANARY, 3600, 0);
        assertThat(analysis.evaluate(mesh, null, STABLE, CANARY, AT).verdict()).isEqualTo(Verdict.INCONCLUSIVE);

        mesh.latency(CANARY, 0.99, 100);
        StepResult passed = analysis.evaluate(mesh, null, STABLE, CANARY, AT);
        assertThat(passed.verdict()).isEqualTo(Verdict.PASS);
        assertThat(passed.summary()).isEqualTo("analysis at 2026-11-26T12:00:00Z: PASS\n"
                + "  PASS success-rate>=99: success rate 100 % is at least 99 %\n"
                + "  PASS latency-p99<=500: p99 latency 100 ms is within 500 ms");
    }

    @Test
    public void checksOfOneStepShareEachQuery() {
        mesh.counts(CANARY, 3600, 0).counts(STABLE, 3600, 0).latency(CANARY, 0.99, 100).latency(STABLE, 0.99, 100);
        HealthAnalysis analysis = HealthAnalysis.of(List.of("success-rate>=99", "latency-p99<=500",
                "request-rate>=1", "error-rate-vs-stable", "latency-p99-vs-stable<=1.5x"), WINDOW, 50);
        StepResult result = analysis.evaluate(mesh, null, STABLE, CANARY, AT);
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(mesh.requestQueries).isEqualTo(2);
        assertThat(mesh.latencyQueries).isEqualTo(2);
    }

    @Test
    public void anUnreadableMetricIsInconclusiveWithTheErrorRecorded() {
        mesh.failing(new MetricException("Prometheus at http://127.0.0.1:1 is unreachable"));
        StepResult result = HealthAnalysis.of(List.of("success-rate>=99"), WINDOW, 50)
                .evaluate(mesh, null, STABLE, CANARY, AT);
        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.checks().get(0).error()).isEqualTo("Prometheus at http://127.0.0.1:1 is unreachable");
        assertThat(result.checks().get(0).reason()).startsWith("metrics could not be read: ");
    }

    @Test
    public void aCustomQueryWithoutAQueryBackendIsInconclusiveAndSaysWhy() {
        StepResult result = HealthAnalysis.of(List.of("query:db:..5:sum(db_errors)"), WINDOW, 50)
                .evaluate(mesh, null, STABLE, CANARY, AT);
        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.checks().get(0).error()).contains("needs a Prometheus connection");
    }
}
