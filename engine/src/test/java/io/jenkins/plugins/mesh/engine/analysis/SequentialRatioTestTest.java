package io.jenkins.plugins.mesh.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.Test;

public class SequentialRatioTestTest {

    private static final double ALPHA = 0.01;

    /**
     * Looks after every second of traffic for 30 minutes, with the canary at 10 % then 50 %: under the null ratio
     * exactly (the hardest case of the hypothesis) the evidence must reach 1/alpha in at most alpha of the runs.
     */
    @Test
    public void lookingEverySecondKeepsTheFalseAlarmRateBelowAlpha() {
        SequentialRatioTest test = new SequentialRatioTest(2, ALPHA);
        Random random = new Random(42);
        assertAlarmShareAtMostAlpha(() -> everAlarms(random, new double[] {0.1, 0.5}, 900, 0.01, 2.0,
                stretches -> test.isConclusive(test.evidenceOfRegression(stretches))));
    }

    /**
     * The tests started at each stretch, weighed together: five stretches of two minutes (canary 10 % to 50 %), a look
     * every second, under the null ratio exactly, with the noisy service's 1 % errors (many events).
     */
    @Test
    public void startingATestAtEachStretchKeepsTheFalseAlarmRateBelowAlpha() {
        SequentialRatioTest test = new SequentialRatioTest(1.5, ALPHA);
        Random random = new Random(11);
        assertAlarmShareAtMostAlpha(() -> everAlarms(random, new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, 120, 0.01, 1.5,
                stretches -> test.isConclusive(test.regressionSince(stretches).value())));
    }

    @Test
    public void aRegressionFromTheFourthStretchIsShownFromThereWhenTheWholeRolloutHidesIt() {
        SequentialRatioTest test = new SequentialRatioTest(1.5, ALPHA);
        // three healthy minutes of a service failing 1 % (canary 10, 20, 30 % of 100 requests/s), then a minute at
        // 40 % where the canary fails 4.2 %: the healthy minutes' many events argue against every alternative
        List<EventCounts> stretches = List.of(new EventCounts(600, 6, 5400, 54), new EventCounts(1200, 12, 4800, 48),
                new EventCounts(1800, 18, 4200, 42), new EventCounts(2400, 100, 3600, 36));
        SequentialRatioTest.Evidence since = test.regressionSince(stretches);
        assertThat(test.isConclusive(since.value())).as("from some stretch on").isTrue();
        assertThat(since.from()).isEqualTo(3);
        assertThat(test.isConclusive(test.evidenceOfRegression(stretches))).as("from the start").isFalse();
    }

    @Test
    public void theStartWeightsSumToOneAndUnstartedTestsStandAtOne() {
        double sum = 0;
        for (int k = 0; k < 100_000; k++) {
            sum += SequentialRatioTest.startWeight(k);
        }
        assertThat(sum).isCloseTo(1, offset(1e-4));
        SequentialRatioTest test = new SequentialRatioTest(2, ALPHA);
        assertThat(test.regressionSince(List.of()).value()).isEqualTo(1);
        assertThat(test.regressionSince(List.of(new EventCounts(0, 0, 100, 1))).value()).isEqualTo(1);
    }

    @Test
    public void equalRatesNeverAlarmInPractice() {
        SequentialRatioTest test = new SequentialRatioTest(2, ALPHA);
        Random random = new Random(7);
        for (int run = 0; run < 100; run++) {
            assertThat(everAlarms(random, new double[] {0.1, 0.5}, 900, 0.01, 1.0,
                    stretches -> test.isConclusive(test.evidenceOfRegression(stretches)))).isFalse();
        }
    }

    @Test
    public void aTenfoldErrorRateIsShownWithinSeconds() {
        SequentialRatioTest test = new SequentialRatioTest(2, ALPHA);
        // 10 requests/s to the canary at 5.1 % errors, 90/s to the stable at 0.1 %: about 20 s of traffic.
        List<EventCounts> twentySeconds = List.of(new EventCounts(200, 10, 1800, 2));
        assertThat(test.isConclusive(test.evidenceOfRegression(twentySeconds))).isTrue();
        assertThat(test.isConclusive(test.evidenceOfNoRegression(twentySeconds))).isFalse();
    }

    @Test
    public void evidenceFromEarlierStretchesCarriesOver() {
        SequentialRatioTest test = new SequentialRatioTest(2, ALPHA);
        EventCounts stretch = new EventCounts(600, 4, 5400, 6);
        double one = test.evidenceOfRegression(List.of(stretch));
        double three = test.evidenceOfRegression(List.of(stretch, stretch, stretch));
        assertThat(three).isGreaterThan(one);
    }

    @Test
    public void aCanaryThatErrsLessShowsNoRegression() {
        SequentialRatioTest test = new SequentialRatioTest(2, ALPHA);
        List<EventCounts> counts = List.of(new EventCounts(3000, 30, 3000, 120));
        assertThat(test.isConclusive(test.evidenceOfNoRegression(counts))).isTrue();
        assertThat(test.evidenceOfRegression(counts)).isLessThan(1);
    }

    @Test
    public void stretchesWithoutRequestsCarryNoEvidence() {
        SequentialRatioTest test = new SequentialRatioTest(2, ALPHA);
        assertThat(test.evidenceOfRegression(List.of(new EventCounts(0, 0, 100, 3)))).isEqualTo(1);
        assertThat(test.evidenceOfRegression(List.of())).isEqualTo(1);
    }

    @Test
    public void evidenceIsCappedToStayPrintable() {
        SequentialRatioTest test = new SequentialRatioTest(1.5, ALPHA);
        assertThat(test.evidenceOfRegression(List.of(new EventCounts(1e6, 1e5, 1e6, 10))))
                .isEqualTo(SequentialRatioTest.MOST_EVIDENCE);
    }

    @Test
    public void nonsenseParametersAreRefused() {
        assertThatThrownBy(() -> new SequentialRatioTest(0.5, ALPHA)).hasMessageContaining(">= 1");
        assertThatThrownBy(() -> new SequentialRatioTest(2, 0)).hasMessageContaining("(0, 0.5]");
    }

    /** 400 runs; the share that ever alarmed is at most alpha, give or take three standard errors. */
    private static void assertAlarmShareAtMostAlpha(BooleanSupplier run) {
        int runs = 400;
        int alarms = 0;
        for (int i = 0; i < runs; i++) {
            if (run.getAsBoolean()) {
                alarms++;
            }
        }
        assertThat((double) alarms / runs).isLessThanOrEqualTo(ALPHA + 3 * Math.sqrt(ALPHA / runs));
    }

    /**
     * Per-second Poisson traffic at 100 requests/s, {@code seconds} at each canary weight in turn, the canary erring
     * {@code ratio} times as often as the stable; {@code alarm} is asked after every second.
     */
    private static boolean everAlarms(Random random, double[] weights, int seconds, double stableRate, double ratio,
            Predicate<List<EventCounts>> alarm) {
        List<EventCounts> stretches = new ArrayList<>();
        for (double weight : weights) {
            EventCounts stretch = new EventCounts(0, 0, 0, 0);
            stretches.add(stretch);
            for (int second = 0; second < seconds; second++) {
                double canaryRequests = 100 * weight;
                double stableRequests = 100 * (1 - weight);
                stretch = stretch.plus(new EventCounts(canaryRequests,
                        poisson(random, canaryRequests * stableRate * ratio), stableRequests,
                        poisson(random, stableRequests * stableRate)));
                stretches.set(stretches.size() - 1, stretch);
                if (alarm.test(stretches)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int poisson(Random random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }
}
