package io.jenkins.plugins.mesh.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.Test;

public class AnytimeProportionBoundTest {

    @Test
    public void logGammaMatchesFactorials() {
        assertThat(AnytimeProportionBound.logGamma(1)).isCloseTo(0, within(1e-12));
        assertThat(AnytimeProportionBound.logGamma(6)).isCloseTo(Math.log(120), within(1e-12));
        assertThat(AnytimeProportionBound.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-12));
    }

    @Test
    public void theBoundShrinksWithTrafficAndStaysAboveTheObservedShare() {
        double few = AnytimeProportionBound.upper(0, 100, 0.01);
        double many = AnytimeProportionBound.upper(0, 10_000, 0.01);
        assertThat(few).isBetween(0.03, 0.1);
        assertThat(many).isLessThan(few).isGreaterThan(0);
        assertThat(AnytimeProportionBound.upper(50, 1000, 0.01)).isGreaterThan(0.05).isLessThan(0.1);
        assertThat(AnytimeProportionBound.upper(0, 0, 0.01)).isEqualTo(1);
    }

    /** Read after every request up to 5,000: the true share lies above the bound in at most alpha of the runs. */
    @Test
    public void theBoundHoldsAtEveryLookAtOnce() {
        Random random = new Random(3);
        double p = 0.02;
        int runs = 300;
        int wrong = 0;
        for (int run = 0; run < runs; run++) {
            int events = 0;
            for (int n = 1; n <= 5000; n++) {
                events += random.nextDouble() < p ? 1 : 0;
                if (n % 25 == 0 && AnytimeProportionBound.upper(events, n, 0.05) < p) {
                    wrong++;
                    break;
                }
            }
        }
        assertThat((double) wrong / runs).isLessThanOrEqualTo(0.05 + 3 * Math.sqrt(0.05 / runs));
    }
}
