package io.jenkins.plugins.mesh.engine.validate;

import com.google.re2j.PatternSyntaxException;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import java.math.BigInteger;
import java.util.OptionalLong;

/**
 * The value checks schema rules share (integers in range, durations, RE2 regexes, percentages, ports), each
 * reporting against one object with the field's path, so the finding points at the line to fix.
 */
final class FieldChecker {

    private static final long MILLI = 1_000_000L;
    private static final int REGEX_MAX = 1024;

    private final MeshResource resource;
    private final Findings out;
    private final FindingCode code;

    FieldChecker(MeshResource resource, Findings out, FindingCode code) {
        this.resource = resource;
        this.out = out;
        this.code = code;
    }

    MeshResource resource() {
        return resource;
    }

    /** Reports {@code message} on {@code path}. */
    void error(String path, String message) {
        out.add(code, resource, path, message);
    }

    /** Reports {@code message} on {@code path} with {@code severity}. */
    void report(FindingCode findingCode, Severity severity, String path, String message) {
        out.add(findingCode, severity, resource, path, message);
    }

    /** The value as a long when it is an integer; a non-integer is reported and reads as empty. */
    OptionalLong integer(String path, Object value) {
        if (value instanceof Long l) {
            return OptionalLong.of(l);
        }
        if (value instanceof Integer i) {
            return OptionalLong.of(i);
        }
        if (value instanceof BigInteger) {
            error(path, path + " " + value + " is far too large; use a small whole number");
            return OptionalLong.empty();
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return OptionalLong.of(d.longValue());
        }
        error(path, path + " must be a whole number, not " + describe(value));
        return OptionalLong.empty();
    }

    /** Reports when {@code value} is present and not a whole number in {@code min..max}. */
    void integerInRange(String path, Object value, long min, long max) {
        if (value == null) {
            return;
        }
        OptionalLong number = integer(path, value);
        if (number.isPresent() && (number.getAsLong() < min || number.getAsLong() > max)) {
            error(path, path + " is " + number.getAsLong() + "; use a value from " + min + " to " + max);
        }
    }

    /** Reports when {@code value} is present and not a port number. */
    void port(String path, Object value) {
        integerInRange(path, value, 1, 65535);
    }

    /** Reports when {@code value} is present and not a number in {@code 0..100}. */
    void percentage(String path, Object value) {
        if (value == null) {
            return;
        }
        if (!(value instanceof Number n) || value instanceof BigInteger) {
            error(path, path + " must be a number from 0 to 100, not " + describe(value));
            return;
        }
        double d = n.doubleValue();
        if (!(d >= 0 && d <= 100)) {
            error(path, path + " is " + value + "; use a percentage from 0 to 100");
        }
    }

    /** Reports when {@code value} is present and not a duration of at least 1ms in whole milliseconds. */
    void duration(String path, Object value) {
        if (value == null) {
            return;
        }
        String text = value instanceof String s ? s : null;
        OptionalLong nanos = DurationText.nanos(text);
        if (nanos.isEmpty()) {
            error(path, path + " '" + value + "' is not a duration; write it like 500ms, 2s or 1m");
        } else if (nanos.getAsLong() < MILLI) {
            error(path, path + " " + value + " is shorter than 1ms; use at least 1ms");
        } else if (nanos.getAsLong() % MILLI != 0) {
            error(path, path + " " + value + " is not a whole number of milliseconds; round it to ms");
        }
    }

    /** Reports when {@code value} is not a non-empty RE2 regex of at most 1024 characters. */
    void regex(String path, Object value) {
        if (!(value instanceof String text)) {
            error(path, path + " must be a regex string, not " + describe(value));
            return;
        }
        if (text.isEmpty()) {
            error(path, path + " is empty; give a regex or remove the field");
            return;
        }
        if (text.length() > REGEX_MAX) {
            error(path, path + " is " + text.length() + " characters long; Istio allows at most 1024");
            return;
        }
        try {
            com.google.re2j.Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            error(path, path + " is not a valid RE2 regex (" + e.getDescription()
                    + "); RE2 has no look-around or back-references");
        }
    }

    /** A short description of a value of the wrong type, for messages. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof java.util.Map<?, ?>) {
            return "a mapping";
        }
        if (value instanceof java.util.List<?>) {
            return "a list";
        }
        String text = String.valueOf(value);
        return "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
    }
}
