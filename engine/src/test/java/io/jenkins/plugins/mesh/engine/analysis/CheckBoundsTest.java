package io.jenkins.plugins.mesh.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

public class CheckBoundsTest {

    @Test
    public void absoluteChecksHaveTheirLimitAndUnit() {
        assertThat(CheckBounds.ofSpec("success-rate>=99")).isEqualTo(new CheckBounds("%", 99.0, null));
        assertThat(CheckBounds.ofSpec("latency-p99<=500")).isEqualTo(new CheckBounds("ms", null, 500.0));
        assertThat(CheckBounds.ofSpec("request-rate>=1.5")).isEqualTo(new CheckBounds("requests/s", 1.5, null));
        assertThat(CheckBounds.ofSpec("query:db-errors:1..5:sum(rate(x[{{window}}]))"))
                .isEqualTo(new CheckBounds("", 1.0, 5.0));
        assertThat(CheckBounds.ofSpec("success-rate>=99").hasLimit()).isTrue();
    }

    @Test
    public void comparisonsWithTheStableHaveAUnitButNoFixedLimit() {
        assertThat(CheckBounds.ofSpec("latency-p99-vs-stable<=1.5x")).isEqualTo(new CheckBounds("ms", null, null));
        assertThat(CheckBounds.ofSpec("error-rate-vs-stable")).isEqualTo(new CheckBounds("pp", null, null));
        assertThat(CheckBounds.ofSpec("error-rate-vs-stable").hasLimit()).isFalse();
        assertThat(CheckBounds.ofSpec("error-rate-vs-stable (since the canary started)"))
                .isEqualTo(new CheckBounds("pp", null, null));
    }

    @Test
    public void theSequentialComparisonsKeepTheUnitOfTheirValue() {
        assertThat(CheckBounds.ofSpec("error-rate-vs-stable" + HealthAnalysis.SEQUENTIAL_NOTE))
                .isEqualTo(new CheckBounds("pp", null, null));
        assertThat(CheckBounds.ofSpec("latency-p99-vs-stable<=1.5x" + HealthAnalysis.SEQUENTIAL_NOTE))
                .as("the ratio of the shares slower than the stable's p99").isEqualTo(new CheckBounds("x", null, null));
    }

    @Test
    public void anUnknownNameHasNoBounds() {
        assertThat(CheckBounds.ofSpec("throughput>=3")).isEqualTo(new CheckBounds("", null, null));
        assertThat(CheckBounds.ofSpec(null).hasLimit()).isFalse();
    }
}
