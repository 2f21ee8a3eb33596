package io.jenkins.plugins.mesh.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.Test;

public class CountSamplerTest {

    @Test
    public void poissonHasItsMeanAndVarianceForSmallAndLargeMeans() {
        for (double mean : new double[] {0.01, 3, 9.5, 10, 100, 5000}) {
            CountSampler sampler = new CountSampler(11);
            int n = 40_000;
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                long k = sampler.poisson(mean);
                sum += k;
                squares += (double) k * k;
            }
            double average = sum / n;
            double variance = squares / n - average * average;
            assertThat(average).as("mean of Poisson(%s)", mean).isCloseTo(mean, within(5 * Math.sqrt(mean / n)));
            assertThat(variance).as("variance of Poisson(%s)", mean).isCloseTo(mean, within(mean * 0.05 + 0.002));
        }
    }

    @Test
    public void binomialHasItsMeanAndVarianceOnBothSidesOfTheExactLimit() {
        long[] sizes = {10, 100, 6000, 100_000};
        double[] ps = {0.001, 0.2, 0.5, 0.97};
        for (long size : sizes) {
            for (double p : ps) {
                CountSampler sampler = new CountSampler(5);
                int n = 20_000;
                double sum = 0;
                double squares = 0;
                for (int i = 0; i < n; i++) {
                    long k = sampler.binomial(size, p);
                    assertThat(k).isBetween(0L, size);
                    sum += k;
                    squares += (double) k * k;
                }
                double mean = size * p;
                double expectedVariance = mean * (1 - p);
                double average = sum / n;
                assertThat(average).as("mean of B(%s, %s)", size, p)
                        .isCloseTo(mean, within(5 * Math.sqrt(expectedVariance / n) + 1e-9));
                assertThat(squares / n - average * average).as("variance of B(%s, %s)", size, p)
                        .isCloseTo(expectedVariance, within(expectedVariance * 0.06 + 0.01));
            }
        }
    }

    @Test
    public void multinomialKeepsEveryDrawAndFollowsTheProbabilities() {
        CountSampler sampler = new CountSampler(9);
        double[] probabilities = {0.1, 0.0, 0.6, 0.3};
        long[] counts = new long[4];
        long[] totals = new long[4];
        for (int i = 0; i < 10_000; i++) {
            sampler.multinomial(100, probabilities, counts);
            assertThat(Arrays.stream(counts).sum()).isEqualTo(100);
            for (int c = 0; c < 4; c++) {
                totals[c] += counts[c];
            }
        }
        assertThat(totals[1]).isZero();
        assertThat(totals[0] / 1e6).isCloseTo(0.1, within(0.002));
        assertThat(totals[2] / 1e6).isCloseTo(0.6, within(0.002));
    }

    @Test
    public void sameSeedSameDraws() {
        CountSampler a = new CountSampler(42);
        CountSampler b = new CountSampler(42);
        for (int i = 0; i < 1000; i++) {
            assertThat(a.poisson(i % 50 + 0.5)).isEqualTo(b.poisson(i % 50 + 0.5));
            assertThat(a.binomial(i, 0.3)).isEqualTo(b.binomial(i, 0.3));
        }
    }
}
