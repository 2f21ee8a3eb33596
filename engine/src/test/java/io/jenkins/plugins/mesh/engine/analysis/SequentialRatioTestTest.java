package io.jenkins.plugins.mesh.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
        int runs = 400;
        int alarms = 0;
        for (int run = 0; run < runs; run++) {
            if (everAlarms(test, random, 2.0, 0.01)) {
                alarms++;
            }
        }
        assertThat((double) alarms / runs).isLessThanOrEqualTo(ALPHA + 3 * Math.sqrt(ALPHA / runs));
    }

    /**
     * The tests started at each stretch, weighed together: five stretches of two minutes (canary 10 % to 50 %), a look
     * every second, under the null ratio exactly, with the noisy service's 1 % errors (many events).
     */
    @Test
    public void startingATestAtEachStretchKeepsTheFalseAlarmRateBelowAlpha() {
        SequentialRatioTest test = new SequentialRatioTest(1.5, ALPHA);
        Random random = new Random(11);
        int runs = 400;
        int alarms = 0;
        for (int run = 0; run < runs; run++) {
            if (everAlarmsSinceAStretch(test, random, 1.5)) {
                alarms++;
            }
        }
        assertThat((double) alarms / runs).isLessThanOrEqualTo(ALPHA + 3 * Math.sqrt(ALPHA / runs));
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
        assertThat(sum).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-4));
        SequentialRatioTest test = new SequentialRatioTest(2, ALPHA);
        assertThat(test.regressionSince(List.of()).value()).isEqualTo(1);
        assertThat(test.regressionSince(List.of(new EventCounts(0, 0, 100, 1))).value()).isEqualTo(1);
    }

    @Test
    public void equalRatesNeverAlarmInPractice() {
        SequentialRatioTest test = new SequentialRatioTest(2, ALPHA);
        Random random = new Random(7);
        for (int run = 0; run < 100; run++) {
            assertThat(everAlarms(test, random, 1.0, 0.01)).isFalse();
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

    /** 30 minutes of per-second Poisson traffic, 100 requests/s, canary 10 % then 50 %, a look every second. */
    private static boolean everAlarms(SequentialRatioTest test, Random random, double ratio, double stableRate) {
        List<EventCounts> stretches = new ArrayList<>();
        for (int step = 0; step < 2; step++) {
            double weight = step == 0 ? 0.1 : 0.5;
            EventCounts stretch = new EventCounts(0, 0, 0, 0);
            stretches.add(stretch);
            for (int second = 0; second < 900; second++) {
                double canaryRequests = 100 * weight;
                double stableRequests = 100 * (1 - weight);
                stretch = stretch.plus(new EventCounts(canaryRequests,
                        poisson(random, canaryRequests * stableRate * ratio), stableRequests,
                        poisson(random, stableRequests * stableRate)));
                stretches.set(stretches.size() - 1, stretch);
                if (test.isConclusive(test.evidenceOfRegression(stretches))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Five stretches of 120 s at 10 ... 50 % of 100 requests/s, stable 1 % errors, a look every second. */
    private static boolean everAlarmsSinceAStretch(SequentialRatioTest test, Random random, double ratio) {
        List<EventCounts> stretches = new ArrayList<>();
        for (int step = 1; step <= 5; step++) {
            double weight = step / 10.0;
            EventCounts stretch = new EventCounts(0, 0, 0, 0);
            stretches.add(stretch);
            for (int second = 0; second < 120; second++) {
                double canaryRequests = 100 * weight;
                double stableRequests = 100 * (1 - weight);
                stretch = stretch.plus(new EventCounts(canaryRequests, poisson(random, canaryRequests * 0.01 * ratio),
                        stableRequests, poisson(random, stableRequests * 0.01)));
                stretches.set(stretches.size() - 1, stretch);
                if (test.isConclusive(test.regressionSince(stretches).value())) {
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
