package io.jenkins.plugins.mesh.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.Test;

public class LatencyDistributionTest {

    @Test
    public void samplesHaveTheRequestedMedianAndP99() {
        LatencyDistribution latency = LatencyDistribution.of(20, 200);
        Random random = new Random(42);
        double[] samples = new double[200_000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = latency.sample(random);
        }
        Arrays.sort(samples);
        assertThat(samples[samples.length / 2]).isCloseTo(20, within(0.5));
        assertThat(samples[(int) (samples.length * 0.99)]).isCloseTo(200, within(10.0));
    }

    @Test
    public void quantilesAreExact() {
        LatencyDistribution latency = LatencyDistribution.of(20, 200);
        assertThat(latency.quantile(0.5)).isCloseTo(20, within(1e-6));
        assertThat(latency.quantile(0.99)).isCloseTo(200, within(1e-4));
        assertThat(latency.quantile(0.999)).isGreaterThan(200);
        assertThat(latency.quantile(0.01)).isLessThan(20);
    }

    @Test
    public void sameSeedSameSamples() {
        LatencyDistribution latency = LatencyDistribution.of(5, 50);
        Random a = new Random(7);
        Random b = new Random(7);
        for (int i = 0; i < 100; i++) {
            assertThat(latency.sample(a)).isEqualTo(latency.sample(b));
        }
    }

    @Test
    public void regressionScalesEveryQuantile() {
        LatencyDistribution slow = LatencyDistribution.of(20, 200).times(3);
        assertThat(slow.p50Millis()).isEqualTo(60);
        assertThat(slow.quantile(0.99)).isCloseTo(600, within(1e-3));
    }

    @Test
    public void constantLatencyIsAllowed() {
        LatencyDistribution constant = LatencyDistribution.of(10, 10);
        assertThat(constant.sample(new Random(1))).isEqualTo(10.0, within(1e-9));
    }

    @Test
    public void rejectsImpossibleShapes() {
        assertThatThrownBy(() -> LatencyDistribution.of(0, 10)).hasMessageContaining("0 < p50 <= p99");
        assertThatThrownBy(() -> LatencyDistribution.of(50, 10)).hasMessageContaining("p50=50.0");
        assertThatThrownBy(() -> LatencyDistribution.of(Double.NaN, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencyDistribution.of(20, 200).quantile(1)).hasMessageContaining("between 0 and 1");
    }

    @Test
    public void cdfInvertsTheQuantile() {
        LatencyDistribution latency = LatencyDistribution.of(20, 200);
        for (double q : new double[] {0.001, 0.01, 0.25, 0.5, 0.9, 0.99, 0.9999}) {
            assertThat(latency.cdf(latency.quantile(q))).as("q=" + q).isCloseTo(q, within(1e-8));
        }
        assertThat(latency.cdf(0)).isZero();
        assertThat(latency.cdf(Double.POSITIVE_INFINITY)).isEqualTo(1);
        assertThat(LatencyDistribution.of(10, 10).cdf(9.9)).isZero();
        assertThat(LatencyDistribution.of(10, 10).cdf(10)).isEqualTo(1);
    }

    @Test
    public void partialMeansAddUpToTheMean() {
        LatencyDistribution latency = LatencyDistribution.of(20, 200);
        Random random = new Random(3);
        double sum = 0;
        int n = 400_000;
        for (int i = 0; i < n; i++) {
            sum += latency.sample(random);
        }
        double whole = latency.partialMean(0, Double.POSITIVE_INFINITY);
        assertThat(whole).isCloseTo(sum / n, within(sum / n * 0.02));
        assertThat(latency.partialMean(0, 50) + latency.partialMean(50, Double.POSITIVE_INFINITY))
                .isCloseTo(whole, within(1e-9));
        assertThat(latency.partialMean(50, 50)).isZero();
    }
}
