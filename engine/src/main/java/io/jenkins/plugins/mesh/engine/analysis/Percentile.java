package io.jenkins.plugins.mesh.engine.analysis;

import java.math.BigDecimal;

/**
 * A latency percentile as users write it ({@code p50}, {@code p99}, {@code p99.9}) and as Prometheus wants it
 * (the quantile 0.5, 0.99, 0.999).
 *
 * @param quantile strictly between 0 and 1
 */
public record Percentile(double quantile) {

    public Percentile {
        if (!(quantile > 0 && quantile < 1)) {
            throw new IllegalArgumentException("a percentile lies strictly between p0 and p100, got quantile "
                    + quantile);
        }
    }

    /** Parses {@code p99}, {@code p99.9}, {@code P50}. */
    public static Percentile parse(String text) {
        if (text == null || !text.matches("[pP][0-9]{1,2}(\\.[0-9]{1,4})?")) {
            throw new IllegalArgumentException("percentile '" + text + "' is not like p50, p90, p99 or p99.9");
        }
        BigDecimal percent = new BigDecimal(text.substring(1));
        if (percent.signum() == 0) {
            throw new IllegalArgumentException("percentile p0 is the minimum, not a latency to check; use p50 to p99.9");
        }
        return new Percentile(percent.movePointLeft(2).doubleValue());
    }

    /** {@code p99}, {@code p99.9}. */
    @Override
    public String toString() {
        return "p" + BigDecimal.valueOf(quantile).movePointRight(2).stripTrailingZeros().toPlainString();
    }
}
