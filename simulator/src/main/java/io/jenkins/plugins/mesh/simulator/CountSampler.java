package io.jenkins.plugins.mesh.simulator;

import java.util.SplittableRandom;

/**
 * Draws counts of events in aggregate, so that simulating a second of traffic costs a few random numbers however
 * many requests it holds. Small means are sampled exactly by inversion; a binomial whose smaller side has a mean
 * above {@value #EXACT_LIMIT} uses the normal approximation with continuity correction (its error is then well
 * under one standard deviation's 1%). Poisson counts of any mean are exact (Hörmann's PTRS for large means).
 * Identical seeds give identical draws.
 */
final class CountSampler {

    static final double EXACT_LIMIT = 30;

    private static final double[] SMALL_LOG_FACTORIALS = smallLogFactorials();

    private final SplittableRandom random;

    CountSampler(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A Poisson count with mean {@code mean >= 0}. */
    long poisson(double mean) {
        if (!(mean >= 0) || Double.isInfinite(mean)) {
            throw new IllegalArgumentException("a Poisson mean must be a finite number >= 0, got " + mean);
        }
        if (mean == 0) {
            return 0;
        }
        return mean < 10 ? poissonByInversion(mean) : poissonPtrs(mean);
    }

    private long poissonByInversion(double mean) {
        double u = random.nextDouble();
        long k = 0;
        double p = Math.exp(-mean);
        double cumulative = p;
        while (u > cumulative && p > 0) {
            k++;
            p *= mean / k;
            cumulative += p;
        }
        return k;
    }

    /** W. Hörmann, "The transformed rejection method for generating Poisson random variables", 1993. */
    private long poissonPtrs(double mean) {
        double slam = Math.sqrt(mean);
        double loglam = Math.log(mean);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invalpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = random.nextDouble() - 0.5;
            double v = random.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b)
                    <= -mean + k * loglam - logFactorial(k)) {
                return k;
            }
        }
    }

    /** A binomial count: successes among {@code n} trials of probability {@code p}. */
    long binomial(long n, double p) {
        if (n < 0 || !(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("a binomial needs n >= 0 and 0 <= p <= 1, got n=" + n + ", p=" + p);
        }
        if (n == 0 || p == 0) {
            return 0;
        }
        if (p == 1) {
            return n;
        }
        if (p > 0.5) {
            return n - binomial(n, 1 - p);
        }
        double mean = n * p;
        if (mean <= EXACT_LIMIT) {
            return binomialByInversion(n, p);
        }
        double sd = Math.sqrt(mean * (1 - p));
        long k = Math.round(mean + sd * random.nextGaussian());
        return Math.max(0, Math.min(n, k));
    }

    private long binomialByInversion(long n, double p) {
        double q = 1 - p;
        double ratio = p / q;
        double probability = Math.exp(n * Math.log1p(-p));
        double u = random.nextDouble();
        long k = 0;
        while (u > probability && k < n) {
            u -= probability;
            k++;
            probability *= ratio * (n - k + 1) / k;
            if (probability == 0) {
                break;
            }
        }
        return k;
    }

    /**
     * Spreads {@code n} draws over categories of the given probabilities (summing to 1 within rounding), writing
     * each category's count into {@code counts}; the last category takes the rest.
     */
    void multinomial(long n, double[] probabilities, long[] counts) {
        long left = n;
        double massLeft = 1;
        int last = probabilities.length - 1;
        for (int i = 0; i < last; i++) {
            if (left == 0 || massLeft <= 0) {
                counts[i] = 0;
                continue;
            }
            double p = Math.min(1, Math.max(0, probabilities[i] / massLeft));
            long k = binomial(left, p);
            counts[i] = k;
            left -= k;
            massLeft -= probabilities[i];
        }
        counts[last] = left;
    }

    private static double logFactorial(long k) {
        if (k < SMALL_LOG_FACTORIALS.length) {
            return SMALL_LOG_FACTORIALS[(int) k];
        }
        // Stirling's series for log Gamma(k + 1); its error is below 1e-10 from k = 20 on
        double x = k + 1.0;
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }

    private static double[] smallLogFactorials() {
        double[] table = new double[20];
        for (int k = 1; k < table.length; k++) {
            table[k] = table[k - 1] + Math.log(k);
        }
        return table;
    }
}
