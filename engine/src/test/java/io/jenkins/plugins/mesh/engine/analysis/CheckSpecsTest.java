package io.jenkins.plugins.mesh.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.Test;

public class CheckSpecsTest {

    @Test
    public void parsesTheBuiltInForms() {
        assertThat(CheckSpecs.parse("success-rate>=99")).isEqualTo(new SuccessRateCheck(99, 0.99));
        assertThat(CheckSpecs.parse(" success-rate >= 99.5% ")).isEqualTo(new SuccessRateCheck(99.5));
        assertThat(CheckSpecs.parse("success-rate>=95:confidence=0.5")).isEqualTo(new SuccessRateCheck(95, 0.5));
        assertThat(CheckSpecs.parse("latency-p99<=500")).isEqualTo(new LatencyCheck(new Percentile(0.99), 500));
        assertThat(CheckSpecs.parse("latency-p99.9<=1200ms")).isEqualTo(new LatencyCheck(new Percentile(0.999), 1200));
        assertThat(CheckSpecs.parse("latency-P50<=20")).isEqualTo(new LatencyCheck(new Percentile(0.5), 20));
        assertThat(CheckSpecs.parse("request-rate>=1")).isEqualTo(new RequestRateCheck(1));
        assertThat(CheckSpecs.parse("request-rate>=0.5/s")).isEqualTo(new RequestRateCheck(0.5));
        assertThat(CheckSpecs.parse("error-rate-vs-stable"))
                .isEqualTo(new ErrorRateBaselineCheck(ErrorRatePolicy.DEFAULT));
        assertThat(CheckSpecs.parse("error-rate-vs-stable:confidence=0.95,min-effect=1,tolerance=3"))
                .isEqualTo(new ErrorRateBaselineCheck(new ErrorRatePolicy(0.95, 0.01, 0.03)));
        assertThat(CheckSpecs.parse("latency-p90-vs-stable<=1.5x"))
                .isEqualTo(new LatencyBaselineCheck(new Percentile(0.9), 1.5, 25));
        assertThat(CheckSpecs.parse("latency-p99-vs-stable<=2x:floor=10ms"))
                .isEqualTo(new LatencyBaselineCheck(new Percentile(0.99), 2, 10));
    }

    @Test
    public void parsesQueryChecksWithOpenRanges() {
        Check check = CheckSpecs.parse("query:db-errors:..5:sum(rate(db_errors_total{ns=\"{{namespace}}\"}[{{window}}]))");
        assertThat(check).isEqualTo(CustomQueryCheck.of("db-errors",
                "sum(rate(db_errors_total{ns=\"{{namespace}}\"}[{{window}}]))", null, 5.0));
        assertThat(CheckSpecs.parse("query:ratio:0.5..1:vector(0.7)"))
                .isEqualTo(CustomQueryCheck.of("ratio", "vector(0.7)", 0.5, 1.0));
        assertThat(CheckSpecs.parse("query:neg:-1..:vector(0)"))
                .isEqualTo(CustomQueryCheck.of("neg", "vector(0)", -1.0, null));
        // Colons inside the query stay part of it.
        assertThat(((CustomQueryCheck) CheckSpecs.parse("query:q:..1:up{job=\"a:b\"}")).query().text())
                .isEqualTo("up{job=\"a:b\"}");
    }

    @Test
    public void everySpecParsesBackToTheSameCheck() {
        List<String> specs = List.of("success-rate>=99", "success-rate>=99.5:confidence=0.5", "latency-p99<=500",
                "latency-p99.9<=1200", "request-rate>=1", "error-rate-vs-stable",
                "error-rate-vs-stable:confidence=0.95,min-effect=1,tolerance=3", "latency-p99-vs-stable<=1.5x",
                "latency-p50-vs-stable<=2x:floor=10", "query:db-errors:..5:sum(db_errors)",
                "query:ratio:0.5..1:vector(0.7)");
        for (String spec : specs) {
            Check check = CheckSpecs.parse(spec);
            assertThat(check.spec()).as(spec).isEqualTo(spec);
            assertThat(CheckSpecs.parse(check.spec())).isEqualTo(check);
        }
        HealthAnalysis analysis = HealthAnalysis.of(specs, Duration.ofSeconds(30), 20);
        assertThat(HealthAnalysis.of(analysis.specs(), analysis.window(), analysis.minRequests())).isEqualTo(analysis);
    }

    @Test
    public void badSpecsSayWhatIsWrongAndWhatIsAccepted() {
        assertThatThrownBy(() -> CheckSpecs.parse("success>99")).hasMessage("'success>99' is not a check; use "
                + "success-rate>=99, latency-p99<=500, request-rate>=1, error-rate-vs-stable, "
                + "latency-p99-vs-stable<=1.5x or query:NAME:MIN..MAX:PROMQL");
        assertThatThrownBy(() -> CheckSpecs.parse("success-rate>=101")).hasMessageContaining("from 0 to 100");
        assertThatThrownBy(() -> CheckSpecs.parse("latency-p100<=5")).hasMessageContaining("p50, p90, p99");
        assertThatThrownBy(() -> CheckSpecs.parse("latency-p99<=500:floor=3"))
                .hasMessageContaining("has no option floor; it takes none");
        assertThatThrownBy(() -> CheckSpecs.parse("error-rate-vs-stable:confidence=high"))
                .hasMessageContaining("is not name=number");
        assertThatThrownBy(() -> CheckSpecs.parse("query:x:..:up")).hasMessageContaining("MIN..MAX");
        assertThatThrownBy(() -> CheckSpecs.parse("query:x:5..1:up")).hasMessageContaining("above its maximum");
        assertThatThrownBy(() -> CheckSpecs.parse("query:Bad Name:..1:up")).hasMessageContaining("check name");
        assertThatThrownBy(() -> CheckSpecs.parse("query:x:..1")).hasMessageContaining("query:NAME:MIN..MAX:PROMQL");
        assertThatThrownBy(() -> CheckSpecs.parseAll(List.of("success-rate>=99", "")))
                .hasMessageStartingWith("check 2: empty check");
        assertThatThrownBy(() -> HealthAnalysis.of(List.of(), Duration.ofSeconds(60), 50))
                .hasMessageContaining("at least one check");
    }
}
