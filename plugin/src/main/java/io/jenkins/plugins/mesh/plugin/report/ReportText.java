package io.jenkins.plugins.mesh.plugin.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the rollout page writes times and numbers for people: relative times, rounded values with their unit. */
final class ReportText {

    private static final DateTimeFormatter ABSOLUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private ReportText() {
    }

    /** Time since the rollout started: {@code +0s}, {@code +45s}, {@code +1m05s}, {@code +1h02m}. */
    static String relative(long offsetMs) {
        long seconds = Math.max(0, Math.round(offsetMs / 1000.0));
        if (seconds < 60) {
            return "+" + seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "+%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "+%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
    }

    /** A time axis label: the shortest form of a round offset, {@code +30s}, {@code +2m}, {@code +1m30s}. */
    static String tick(long offsetMs) {
        long seconds = offsetMs / 1000;
        if (seconds < 60) {
            return "+" + seconds + "s";
        }
        if (seconds < 3600) {
            return seconds % 60 == 0 ? "+" + seconds / 60 + "m"
                    : String.format(Locale.ROOT, "+%dm%02ds", seconds / 60, seconds % 60);
        }
        return seconds % 3600 == 0 ? "+" + seconds / 3600 + "h"
                : String.format(Locale.ROOT, "+%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
    }

    /** The wall-clock time, for a tooltip: {@code 2026-11-26 10:00:05 UTC}. */
    static String absolute(Instant at) {
        return at == null ? "" : ABSOLUTE.format(at);
    }

    /** A duration for display: {@code 45 s}, {@code 4 min 10 s}, {@code 1 h 2 min}. */
    static String duration(long ms) {
        long seconds = Math.max(0, ms / 1000);
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + " min " + (seconds % 60) + " s";
        }
        return (seconds / 3600) + " h " + ((seconds % 3600) / 60) + " min";
    }

    /**
     * A check's value rounded for its unit: {@code 97.5 %}, {@code 123 ms}, {@code 12.3 requests/s},
     * {@code +0.35 pp}; three significant digits for a custom query's number.
     */
    static String value(double value, String unit) {
        if (!Double.isFinite(value)) {
            return Double.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
        }
        return switch (unit) {
            case "%" -> fixed(value, value >= 99 && value < 100 ? 2 : 1) + " %";
            case "ms" -> (Math.abs(value) >= 10 || value == 0 ? fixed(value, 0) : fixed(value, 1)) + " ms";
            case "pp" -> (value > 0 ? "+" : "") + fixed(value, 2) + " pp";
            case "" -> significant(value);
            default -> significant(value) + " " + unit;
        };
    }

    /** A limit as the user wrote it, with its unit: {@code 99 %}, {@code 500 ms}. */
    static String limit(double value, String unit) {
        String number = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return unit.isEmpty() ? number : number + " " + unit;
    }

    private static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String significant(double value) {
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(3));
        if (rounded.abs().compareTo(BigDecimal.valueOf(1000)) >= 0) {
            return fixed(value, 0);
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    /** XML text and attribute escaping, for markup written into the page unescaped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch < 0x20 && ch != '\n' && ch != '\t' ? ' ' : ch);
            }
        }
        return out.toString();
    }
}
