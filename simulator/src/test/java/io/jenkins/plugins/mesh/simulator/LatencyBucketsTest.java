package io.jenkins.plugins.mesh.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.Test;

public class LatencyBucketsTest {

    @Test
    public void hasIstiosDefaultBuckets() {
        assertThat(LatencyBuckets.count()).isEqualTo(20);
        assertThat(LatencyBuckets.upperBound(0)).isEqualTo(1);
        assertThat(LatencyBuckets.upperBound(18)).isEqualTo(3_600_000);
        assertThat(LatencyBuckets.le(19)).isEqualTo("+Inf");
        assertThat(LatencyBuckets.le(9)).isEqualTo("1000");
    }

    @Test
    public void quantileInterpolatesLinearlyInsideTheBucketLikePrometheus() {
        long[] counts = new long[20];
        counts[4] = 50; // (10, 20]
        counts[5] = 40; // (20, 50]
        counts[6] = 10; // (50, 100]
        // rank 50 ends bucket (10, 20] exactly
        assertThat(LatencyBuckets.quantile(0.5, counts)).isEqualTo(20);
        // rank 70 is half way through (20, 50]: 20 + 30 * 20/40
        assertThat(LatencyBuckets.quantile(0.7, counts)).isCloseTo(35, within(1e-9));
        // rank 99 in (50, 100]: 50 + 50 * 9/10
        assertThat(LatencyBuckets.quantile(0.99, counts)).isCloseTo(95, within(1e-9));
        // the first bucket interpolates from 0
        long[] fast = new long[20];
        fast[0] = 4;
        assertThat(LatencyBuckets.quantile(0.5, fast)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    public void aRankInTheInfBucketYieldsTheHighestFiniteBound() {
        long[] counts = new long[20];
        counts[2] = 1;
        counts[19] = 9;
        assertThat(LatencyBuckets.quantile(0.99, counts)).isEqualTo(3_600_000);
    }

    @Test
    public void noRequestsNoQuantile() {
        assertThat(LatencyBuckets.quantile(0.99, new long[20])).isNaN();
    }

    @Test
    public void bucketProbabilitiesAreExactAndSumToOne() {
        LatencyDistribution latency = LatencyDistribution.of(20, 200);
        double[] probabilities = LatencyBuckets.probabilities(latency);
        assertThat(Arrays.stream(probabilities).sum()).isCloseTo(1, within(1e-12));
        // P(20 < X <= 50) = cdf(50) - 0.5
        assertThat(probabilities[5]).isCloseTo(latency.cdf(50) - 0.5, within(1e-12));
        // P(X <= 200) = 0.99, so everything above 200 is 1%
        double above = 0;
        for (int i = 8; i < probabilities.length; i++) {
            above += probabilities[i];
        }
        assertThat(above).isCloseTo(0.01, within(1e-6));
        double[] means = LatencyBuckets.conditionalMeans(latency, probabilities);
        assertThat(means[5]).isBetween(20.0, 50.0);
    }
}
