package io.jenkins.plugins.mesh.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.Test;

/**
 * Measures the baseline checks' verdicts on simulated windows: healthy canaries (same error ratio and latency as the
 * stable) must fail at most 1 % of windows at any traffic; a canary that errs 2 percentage points more must fail
 * nearly every window at 100 requests/s. Seeded, so every run prints the same table (docs/analysis.md quotes it):
 * {@code mvn -B -o -pl engine -am verify -Dtest=BaselineFalsePositiveRateTest -Dsurefire.failIfNoSpecifiedTests=false}
 * then {@code engine/target/surefire-reports/*BaselineFalsePositiveRateTest-output.txt}.
 */
public class BaselineFalsePositiveRateTest {

    private static final int WINDOWS = 10_000;
    private static final double WINDOW_SECONDS = 60;
    private static final double MIN_REQUESTS = HealthAnalysis.DEFAULT_MIN_REQUESTS;

    /** Share of windows per verdict. */
    private static Map<Verdict, Double> errorRateVerdicts(Random random, double perSecond, double stableRatio,
            double canaryRatio) {
        ErrorRatePolicy policy = ErrorRatePolicy.DEFAULT;
        double z = policy.z();
        int n = (int) (perSecond * WINDOW_SECONDS);
        Map<Verdict, Double> shares = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            shares.put(v, 0.0);
        }
        for (int i = 0; i < WINDOWS; i++) {
            RequestCounts stable = new RequestCounts(n, binomial(random, n, stableRatio));
            RequestCounts canary = new RequestCounts(n, binomial(random, n, canaryRatio));
            Verdict verdict = n < MIN_REQUESTS ? Verdict.INCONCLUSIVE
                    : ErrorRateComparison.compare(canary, stable, policy, z).verdict();
            shares.merge(verdict, 1.0 / WINDOWS, Double::sum);
        }
        return shares;
    }

    /** Binomial(n, p) by skipping geometric gaps between successes: cost grows with n * p, not n. */
    static int binomial(Random random, int n, double p) {
        if (p <= 0) {
            return 0;
        }
        double logQ = Math.log1p(-p);
        int successes = 0;
        long position = (long) Math.floor(Math.log(1 - random.nextDouble()) / logQ);
        while (position < n) {
            successes++;
            position += 1 + (long) Math.floor(Math.log(1 - random.nextDouble()) / logQ);
        }
        return successes;
    }

    @Test
    public void errorRateComparisonRarelyFailsHealthyCanariesAndCatchesATwoPointRegression() {
        Random random = new Random(20261126L);
        StringBuilder table = new StringBuilder("| requests/s per version | stable 5xx | canary 5xx | FAIL | "
                + "INCONCLUSIVE | PASS |\n| ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (double perSecond : new double[] {1, 10, 100, 1000}) {
            for (double stableRatio : new double[] {0.001, 0.01}) {
                Map<Verdict, Double> healthy = errorRateVerdicts(random, perSecond, stableRatio, stableRatio);
                Map<Verdict, Double> regressed = errorRateVerdicts(random, perSecond, stableRatio, stableRatio + 0.02);
                row(table, perSecond, stableRatio, stableRatio, healthy);
                row(table, perSecond, stableRatio, stableRatio + 0.02, regressed);

                assertThat(healthy.get(Verdict.FAIL)).as("false failures at %s/s, %s", perSecond, stableRatio)
                        .isLessThanOrEqualTo(0.01);
                if (perSecond >= 100) {
                    assertThat(regressed.get(Verdict.FAIL)).as("caught at %s/s", perSecond).isGreaterThan(0.99);
                    assertThat(healthy.get(Verdict.PASS)).as("healthy passed at %s/s", perSecond).isGreaterThan(0.99);
                }
                if (perSecond == 1) {
                    // At one request per second a window holds 60 requests: too few to judge either way.
                    assertThat(healthy.get(Verdict.INCONCLUSIVE)).isGreaterThan(0.98);
                    assertThat(regressed.get(Verdict.FAIL)).isLessThan(0.5);
                }
            }
        }
        System.out.println("Error-rate comparison, default policy, " + WINDOWS + " windows of "
                + (int) WINDOW_SECONDS + " s per row:\n" + table);
    }

    @Test
    public void aBareSuccessRateThresholdFailsHealthyCanariesAtLowTrafficWhereTheBoundedCheckDoesNot() {
        Random random = new Random(7L);
        StringBuilder table = new StringBuilder("| requests/s | canary 5xx | bare `success-rate>=99` FAIL | "
                + "`success-rate>=99` (confidence 0.99) FAIL |\n| ---: | ---: | ---: | ---: |\n");
        for (double perSecond : new double[] {1, 10, 100}) {
            int n = (int) (perSecond * WINDOW_SECONDS);
            double ratio = 0.005;
            int bareFails = 0;
            int boundedFails = 0;
            for (int i = 0; i < WINDOWS; i++) {
                RequestCounts counts = new RequestCounts(n, binomial(random, n, ratio));
                boolean below = 100 * counts.successRatio() < 99;
                bareFails += below ? 1 : 0;
                double upper = ErrorRateComparison.wilson(counts.successRatio(), n, StandardNormal.quantile(0.99))[1];
                boundedFails += below && 100 * upper < 99 ? 1 : 0;
            }
            table.append(String.format(Locale.ROOT, "| %.0f | %.1f %% | %.2f %% | %.2f %% |%n", perSecond, 100 * ratio,
                    100.0 * bareFails / WINDOWS, 100.0 * boundedFails / WINDOWS));
            assertThat((double) boundedFails / WINDOWS).isLessThanOrEqualTo(0.01);
        }
        System.out.println("Healthy canary (0.5 % errors) against success-rate>=99, " + WINDOWS + " windows:\n"
                + table);
    }

    /** Istio's default buckets of istio_request_duration_milliseconds, in milliseconds. */
    private static final double[] ISTIO_BUCKETS = {0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000,
        30000, 60000, 300000, 600000, 1800000, 3600000};

    @Test
    public void latencyComparisonRarelyFailsHealthyCanariesAndCatchesADoubledLatency() {
        Random random = new Random(11L);
        int windows = 2000;
        StringBuilder table = new StringBuilder("| requests/s per version | percentile | canary median | FAIL | "
                + "INCONCLUSIVE | PASS |\n| ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (double perSecond : new double[] {1, 10, 100, 1000}) {
            for (String p : new String[] {"p90", "p99"}) {
                LatencyBaselineCheck check = new LatencyBaselineCheck(Percentile.parse(p), 1.5,
                        LatencyBaselineCheck.DEFAULT_FLOOR_MILLIS);
                for (double canaryMedian : new double[] {40, 80}) {
                    Map<Verdict, Double> shares = new EnumMap<>(Verdict.class);
                    for (Verdict v : Verdict.values()) {
                        shares.put(v, 0.0);
                    }
                    int n = (int) (perSecond * WINDOW_SECONDS);
                    for (int i = 0; i < windows; i++) {
                        Verdict verdict;
                        if (n < Math.max(MIN_REQUESTS, check.requestsNeeded())) {
                            verdict = Verdict.INCONCLUSIVE;
                        } else {
                            // The check's rule: FAIL when the canary's lower bound exceeds the limit built from
                            // the stable's upper bound (order-statistic bounds at the check's confidence).
                            double q = check.percentile().quantile();
                            double shift = StandardNormal.quantile(LatencyBaselineCheck.CONFIDENCE)
                                    * Math.sqrt(q * (1 - q) / n);
                            long[] stableBuckets = bucketCounts(random, n, 40, 0.6);
                            long[] canaryBuckets = bucketCounts(random, n, canaryMedian, 0.6);
                            double stableHigh = histogramQuantile(Math.min(0.999, q + shift), stableBuckets);
                            double canaryLow = histogramQuantile(Math.max(0.5, q - shift), canaryBuckets);
                            double stable = histogramQuantile(q, stableBuckets);
                            double canary = histogramQuantile(q, canaryBuckets);
                            if (canaryLow > Math.max(1.5 * stableHigh, stableHigh + check.floorMillis())) {
                                verdict = Verdict.FAIL;
                            } else if (canary <= Math.max(1.5 * stable, stable + check.floorMillis())) {
                                verdict = Verdict.PASS;
                            } else {
                                verdict = Verdict.INCONCLUSIVE;
                            }
                        }
                        shares.merge(verdict, 1.0 / windows, Double::sum);
                    }
                    table.append(String.format(Locale.ROOT, "| %.0f | %s | %.0f ms | %.2f %% | %.2f %% | %.2f %% |%n",
                            perSecond, p, canaryMedian, 100 * shares.get(Verdict.FAIL),
                            100 * shares.get(Verdict.INCONCLUSIVE), 100 * shares.get(Verdict.PASS)));
                    if (canaryMedian == 40) {
                        assertThat(shares.get(Verdict.FAIL)).as("false failures at %s/s %s", perSecond, p)
                                .isLessThanOrEqualTo(0.01);
                    } else if (n >= check.requestsNeeded() * 6) {
                        assertThat(shares.get(Verdict.FAIL)).as("caught at %s/s %s", perSecond, p).isGreaterThan(0.9);
                    }
                }
            }
        }
        System.out.println("Latency comparison (1.5x, floor 25 ms), stable median 40 ms, log-normal sigma 0.6, "
                + "Istio buckets, " + windows + " windows of " + (int) WINDOW_SECONDS + " s per row:\n" + table);
    }

    /** Non-cumulative counts per bucket (the last is +Inf) of n log-normal latencies. */
    private static long[] bucketCounts(Random random, int n, double median, double sigma) {
        long[] counts = new long[ISTIO_BUCKETS.length + 1];
        long remaining = n;
        double below = 0;
        for (int b = 0; b < ISTIO_BUCKETS.length && remaining > 0; b++) {
            double upTo = StandardNormal.cdf((Math.log(ISTIO_BUCKETS[b]) - Math.log(median)) / sigma);
            double share = (upTo - below) / (1 - below);
            long k = share <= 0 ? 0 : share >= 1 ? remaining : binomialAny(random, remaining, share);
            counts[b] = k;
            remaining -= k;
            below = upTo;
        }
        counts[ISTIO_BUCKETS.length] = remaining;
        return counts;
    }

    /** Binomial(n, p): exact for small expected counts, normal approximation beyond. */
    private static long binomialAny(Random random, long n, double p) {
        if (p > 0.5) {
            return n - binomialAny(random, n, 1 - p);
        }
        double mean = n * p;
        if (mean < 50) {
            return binomial(random, (int) n, p);
        }
        long k = Math.round(mean + Math.sqrt(mean * (1 - p)) * random.nextGaussian());
        return Math.max(0, Math.min(n, k));
    }

    /** Prometheus' histogram_quantile: linear interpolation inside the bucket that holds the rank. */
    static double histogramQuantile(double q, long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        long cumulative = 0;
        for (int b = 0; b < counts.length; b++) {
            if (cumulative + counts[b] >= rank && counts[b] > 0) {
                if (b == ISTIO_BUCKETS.length) {
                    return ISTIO_BUCKETS[b - 1];
                }
                double lower = b == 0 ? 0 : ISTIO_BUCKETS[b - 1];
                return lower + (ISTIO_BUCKETS[b] - lower) * (rank - cumulative) / counts[b];
            }
            cumulative += counts[b];
        }
        return ISTIO_BUCKETS[ISTIO_BUCKETS.length - 1];
    }

    private static void row(StringBuilder table, double perSecond, double stable, double canary,
            Map<Verdict, Double> shares) {
        table.append(String.format(Locale.ROOT, "| %.0f | %.1f %% | %.1f %% | %.2f %% | %.2f %% | %.2f %% |%n",
                perSecond, 100 * stable, 100 * canary, 100 * shares.get(Verdict.FAIL),
                100 * shares.get(Verdict.INCONCLUSIVE), 100 * shares.get(Verdict.PASS)));
    }
}
