package io.jenkins.plugins.mesh.engine.validate;

import java.math.BigDecimal;
import java.util.OptionalLong;

/**
 * Durations as Istio accepts them in YAML: Go syntax such as {@code 1.5s}, {@code 300ms} or {@code 1h2m},
 * read to nanoseconds exactly.
 */
final class DurationText {

    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private DurationText() {
    }

    /** The duration in nanoseconds, empty when {@code text} is not a duration. */
    static OptionalLong nanos(String text) {
        if (text == null || text.isEmpty()) {
            return OptionalLong.empty();
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        boolean negative = text.charAt(0) == '-';
        if (negative || text.charAt(0) == '+') {
            i++;
        }
        if (i == text.length()) {
            return OptionalLong.empty();
        }
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                return OptionalLong.empty();
            }
            BigDecimal number;
            try {
                number = new BigDecimal(text.substring(start, i));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
            int unitStart = i;
            while (i < text.length() && !Character.isDigit(text.charAt(i)) && text.charAt(i) != '.') {
                i++;
            }
            long unit = unitNanos(text.substring(unitStart, i));
            if (unit == 0) {
                return OptionalLong.empty();
            }
            total = total.add(number.multiply(BigDecimal.valueOf(unit)));
            if (total.compareTo(MAX_NANOS) > 0) {
                return OptionalLong.empty();
            }
        }
        if (total.stripTrailingZeros().scale() > 0) {
            return OptionalLong.empty();
        }
        long nanos = total.longValue();
        return OptionalLong.of(negative ? -nanos : nanos);
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 0L;
        };
    }
}
