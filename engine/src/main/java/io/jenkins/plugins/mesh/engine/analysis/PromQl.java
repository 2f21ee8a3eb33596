package io.jenkins.plugins.mesh.engine.analysis;

import java.time.Duration;

/**
 * The few pieces of PromQL syntax the query builders write: string literals for label matchers and durations.
 * Escaping here is what keeps a value from ever becoming query text.
 */
public final class PromQl {

    private PromQl() {
    }

    /**
     * {@code value} as the content of a PromQL string literal delimited by {@code quote} ({@code "} or {@code '}):
     * backslashes, the delimiter and control characters are escaped, so the literal cannot end early.
     */
    public static String escape(String value, char quote) {
        if (quote != '"' && quote != '\'') {
            throw new IllegalArgumentException("PromQL string literals that allow escapes use \" or ', not " + quote);
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == quote) {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A double-quoted PromQL string literal holding exactly {@code value}. */
    public static String quoted(String value) {
        return '"' + escape(value, '"') + '"';
    }

    /** {@code value} as an RE2 pattern that matches exactly it (for {@code =~} and {@code !~} matchers). */
    public static String regexLiteral(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A PromQL duration for a range selector: whole seconds as {@code 60s}, else milliseconds as {@code 1500ms}. */
    public static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1) {
            throw new IllegalArgumentException("a PromQL range must be at least 1 ms, got " + duration);
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
