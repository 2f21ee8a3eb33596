package io.jenkins.plugins.mesh.engine.analysis;

/**
 * How sure the error-rate comparison of canary and stable must be before it judges. Both bounds of the difference
 * (canary error ratio minus stable error ratio) are one-sided confidence bounds at {@code confidence}.
 *
 * @param confidence e.g. 0.99: each bound holds with this probability
 * @param minEffect FAIL only when the difference is surely above this (a share, 0.005 = 0.5 percentage points), so
 *        tiny differences at huge traffic do not fail
 * @param tolerance PASS only when the difference is surely below this (a share, 0.02 = 2 percentage points), so a
 *        canary is not passed on too little traffic; {@code >= minEffect}
 */
public record ErrorRatePolicy(double confidence, double minEffect, double tolerance) {

    /** Catches a regression of 2 percentage points or more; see docs/analysis.md for its measured error rates. */
    public static final ErrorRatePolicy DEFAULT = new ErrorRatePolicy(0.99, 0.005, 0.02);

    public ErrorRatePolicy {
        if (!(confidence >= 0.5 && confidence <= 0.999999)) {
            throw new IllegalArgumentException("confidence must be between 0.5 and 0.999999, got " + confidence);
        }
        if (!(minEffect >= 0 && minEffect < 1)) {
            throw new IllegalArgumentException("minimum effect must be a share in [0, 1), got " + minEffect);
        }
        if (!(tolerance >= minEffect && tolerance <= 1)) {
            throw new IllegalArgumentException("tolerance must be between the minimum effect " + minEffect
                    + " and 1, got " + tolerance);
        }
    }

    /** The one-sided critical value of the standard normal for {@link #confidence()}. */
    public double z() {
        return StandardNormal.quantile(confidence);
    }
}
