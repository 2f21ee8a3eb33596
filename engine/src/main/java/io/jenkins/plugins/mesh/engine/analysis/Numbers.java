package io.jenkins.plugins.mesh.engine.analysis;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Numbers as people read them in reports and specs: no trailing zeros, no exponent, at most 4 significant digits. */
final class Numbers {

    private Numbers() {
    }

    /** {@code 99}, {@code 97.53}, {@code 0.0012}, {@code 12350}; NaN and infinities by name. */
    /**
     * The evidence of a sequential test for people: its value up to a million, "over a million" beyond (the tests
     * conclude at 100 to 1,000; a larger figure says only that the data leaves no doubt).
     */
    static String evidence(double value) {
        return value >= 1_000_000 ? "over a million" : format(value);
    }

    static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(4));
        if (rounded.abs().compareTo(BigDecimal.valueOf(10_000)) >= 0) {
            rounded = new BigDecimal(value).setScale(0, RoundingMode.HALF_EVEN);
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    /**
     * A request count for people: whole requests. Prometheus' {@code increase()} extrapolates to the window's edges,
     * so counts read from it are fractional estimates, and "8.808 requests" claims a precision they do not have.
     */
    static String count(double value) {
        if (!Double.isFinite(value)) {
            return format(value);
        }
        return Long.toString(Math.round(value));
    }

    /** Exactly the number the user wrote, for specs that must parse back to the same value. */
    static String exact(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
