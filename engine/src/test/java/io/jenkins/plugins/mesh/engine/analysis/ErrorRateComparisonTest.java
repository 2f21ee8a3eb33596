package io.jenkins.plugins.mesh.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.Test;

public class ErrorRateComparisonTest {

    private static final ErrorRatePolicy POLICY = ErrorRatePolicy.DEFAULT;
    private static final double Z = POLICY.z();

    private static ErrorRateComparison compare(double canaryTotal, double canaryErrors, double stableTotal,
            double stableErrors) {
        return ErrorRateComparison.compare(new RequestCounts(canaryTotal, canaryErrors),
                new RequestCounts(stableTotal, stableErrors), POLICY, Z);
    }

    @Test
    public void standardNormalMatchesKnownValues() {
        assertThat(StandardNormal.cdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(StandardNormal.cdf(1.959964)).isCloseTo(0.975, within(1e-6));
        assertThat(StandardNormal.quantile(0.975)).isCloseTo(1.959964, within(1e-5));
        assertThat(StandardNormal.quantile(0.99)).isCloseTo(2.326348, within(1e-5));
        assertThat(StandardNormal.quantile(0.5)).isCloseTo(0, within(1e-6));
        assertThat(StandardNormal.quantile(0.001)).isCloseTo(-3.090232, within(1e-4));
        assertThatThrownBy(() -> StandardNormal.quantile(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void wilsonIntervalStaysHonestWithZeroErrors() {
        double[] none = ErrorRateComparison.wilson(0, 60, Z);
        assertThat(none[0]).isZero();
        // 0 errors in 60 requests does not prove an error rate below 8 % at 99 %.
        assertThat(none[1]).isCloseTo(0.0827, within(1e-3));
        double[] all = ErrorRateComparison.wilson(1, 60, Z);
        assertThat(all[1]).isEqualTo(1);
        assertThat(all[0]).isCloseTo(1 - 0.0827, within(1e-3));
        // A textbook example: 81 of 263 at 95 % gives [0.2553, 0.3662].
        double[] book = ErrorRateComparison.wilson(81.0 / 263, 263, StandardNormal.quantile(0.975));
        assertThat(book[0]).isCloseTo(0.2553, within(1e-3));
        assertThat(book[1]).isCloseTo(0.3662, within(1e-3));
    }

    @Test
    public void noTrafficOnEitherSideIsInconclusive() {
        assertThat(compare(0, 0, 1000, 5).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(compare(1000, 5, 0, 0).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(compare(0, 0, 0, 0).lower()).isNaN();
    }

    @Test
    public void tinySamplesAreInconclusiveWhateverTheyShow() {
        assertThat(compare(5, 0, 5, 0).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(compare(5, 2, 5, 0).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(compare(60, 0, 60, 0).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    public void aClearRegressionFails() {
        ErrorRateComparison result = compare(6000, 150, 6000, 30);
        assertThat(result.difference()).isCloseTo(0.02, within(1e-12));
        assertThat(result.lower()).isGreaterThan(POLICY.minEffect());
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        // All requests failing fails even at modest traffic.
        assertThat(compare(100, 100, 100, 0).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    public void aTinyDifferenceAtHugeTrafficPassesInsteadOfFailing() {
        // 0.6 % against 0.5 % over a million requests each: real, but below the minimum effect.
        ErrorRateComparison result = compare(1_000_000, 6000, 1_000_000, 5000);
        assertThat(result.lower()).isGreaterThan(0);
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    public void aCanaryBetterThanStablePasses() {
        assertThat(compare(6000, 0, 6000, 300).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    public void fractionalCountsFromExtrapolationAreFine() {
        ErrorRateComparison result = compare(5999.7, 30.2, 6001.3, 29.9);
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    public void policyRejectsNonsense() {
        assertThatThrownBy(() -> new ErrorRatePolicy(0.3, 0.005, 0.02)).hasMessageContaining("confidence");
        assertThatThrownBy(() -> new ErrorRatePolicy(0.99, 0.03, 0.02)).hasMessageContaining("tolerance");
        assertThatThrownBy(() -> new ErrorRatePolicy(0.99, Double.NaN, 0.02)).hasMessageContaining("minimum effect");
    }
}
