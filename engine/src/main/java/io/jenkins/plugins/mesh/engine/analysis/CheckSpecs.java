package io.jenkins.plugins.mesh.engine.analysis;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text form of checks that the {@code mesh} command and the Jenkins step accept:
 * <pre>
 * success-rate&gt;=99                      canary non-5xx share, percent (option :confidence=0.99)
 * latency-p99&lt;=500                      canary latency percentile, milliseconds (p50, p90, p95, p99, p99.9)
 * request-rate&gt;=1                       canary requests per second: below it the step is inconclusive
 * error-rate-vs-stable                   canary 5xx ratio against stable's
 *                                        (options :confidence=0.99,min-effect=0.5,tolerance=2; points in pp)
 * latency-p99-vs-stable&lt;=1.5x           canary percentile against stable's (option :floor=25, milliseconds)
 * query:NAME:MIN..MAX:PROMQL             any PromQL yielding one number; MIN or MAX may be left out
 * </pre>
 * {@link Check#spec()} gives the canonical text of a check, which parses back to an equal check.
 */
public final class CheckSpecs {

    private static final String FORMS = "use success-rate>=99, latency-p99<=500, request-rate>=1, "
            + "error-rate-vs-stable, latency-p99-vs-stable<=1.5x or query:NAME:MIN..MAX:PROMQL";
    private static final String NUMBER = "([0-9]+(?:\\.[0-9]+)?)";
    private static final Pattern SUCCESS_RATE = Pattern.compile("success-rate>=" + NUMBER + "%?");
    private static final Pattern LATENCY = Pattern.compile("latency-([pP][0-9.]+)<=" + NUMBER + "(?:ms)?");
    private static final Pattern REQUEST_RATE = Pattern.compile("request-rate>=" + NUMBER + "(?:/s)?");
    private static final Pattern LATENCY_BASELINE = Pattern.compile("latency-([pP][0-9.]+)-vs-stable<=" + NUMBER + "x");
    private static final Pattern RANGE = Pattern.compile("(-?" + NUMBER + ")?\\.\\.(-?" + NUMBER + ")?");

    private CheckSpecs() {
    }

    /** Parses every spec; the first bad one throws with its position. */
    public static List<Check> parseAll(List<String> specs) {
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            try {
                checks.add(parse(specs.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("check " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return checks;
    }

    /**
     * Parses one spec.
     *
     * @throws IllegalArgumentException naming what is wrong and the accepted forms
     */
    public static Check parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty check; " + FORMS);
        }
        String text = spec.strip();
        if (text.startsWith("query:")) {
            return parseQuery(text);
        }
        int colon = text.indexOf(':');
        String head = (colon < 0 ? text : text.substring(0, colon)).replaceAll("\\s+", "");
        Map<String, Double> options = colon < 0 ? Map.of() : options(spec, text.substring(colon + 1));
        Matcher m;
        if ((m = SUCCESS_RATE.matcher(head)).matches()) {
            allow(spec, options, "confidence");
            return new SuccessRateCheck(number(m.group(1)),
                    options.getOrDefault("confidence", SuccessRateCheck.DEFAULT_CONFIDENCE));
        }
        if ((m = LATENCY.matcher(head)).matches()) {
            allow(spec, options);
            return new LatencyCheck(Percentile.parse(m.group(1)), number(m.group(2)));
        }
        if ((m = REQUEST_RATE.matcher(head)).matches()) {
            allow(spec, options);
            return new RequestRateCheck(number(m.group(1)));
        }
        if (head.equals(ErrorRateBaselineCheck.NAME)) {
            allow(spec, options, "confidence", "min-effect", "tolerance");
            ErrorRatePolicy defaults = ErrorRatePolicy.DEFAULT;
            return new ErrorRateBaselineCheck(new ErrorRatePolicy(
                    options.getOrDefault("confidence", defaults.confidence()),
                    options.containsKey("min-effect") ? options.get("min-effect") / 100 : defaults.minEffect(),
                    options.containsKey("tolerance") ? options.get("tolerance") / 100 : defaults.tolerance()));
        }
        if ((m = LATENCY_BASELINE.matcher(head)).matches()) {
            allow(spec, options, "floor");
            return new LatencyBaselineCheck(Percentile.parse(m.group(1)), number(m.group(2)),
                    options.getOrDefault("floor", LatencyBaselineCheck.DEFAULT_FLOOR_MILLIS));
        }
        throw new IllegalArgumentException("'" + spec + "' is not a check; " + FORMS);
    }

    private static Check parseQuery(String text) {
        String[] parts = text.split(":", 4);
        if (parts.length < 4 || parts[3].isBlank()) {
            throw new IllegalArgumentException("'" + text + "' is not a query check; use query:NAME:MIN..MAX:PROMQL, "
                    + "e.g. query:db-errors:..5:sum(rate(db_errors_total[{{window}}]))");
        }
        Matcher range = RANGE.matcher(parts[2].replaceAll("\\s+", ""));
        if (!range.matches() || (range.group(1) == null && range.group(3) == null)) {
            throw new IllegalArgumentException("range '" + parts[2] + "' of query check " + parts[1] + " is not "
                    + "MIN..MAX, MIN.. or ..MAX");
        }
        return CustomQueryCheck.of(parts[1].strip(), parts[3].strip(),
                range.group(1) == null ? null : number(range.group(1)),
                range.group(3) == null ? null : number(range.group(3)));
    }

    private static Map<String, Double> options(String spec, String text) {
        Map<String, Double> options = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            String[] kv = pair.split("=", 2);
            String key = kv[0].strip();
            String value = kv.length == 2 ? kv[1].strip().replaceAll("(ms|%|pp)$", "") : "";
            if (key.isEmpty() || !value.matches("[0-9]+(\\.[0-9]+)?")) {
                throw new IllegalArgumentException("option '" + pair.strip() + "' of check '" + spec + "' is not "
                        + "name=number");
            }
            options.put(key, number(value));
        }
        return options;
    }

    private static void allow(String spec, Map<String, Double> options, String... allowed) {
        for (String key : options.keySet()) {
            if (!List.of(allowed).contains(key)) {
                throw new IllegalArgumentException("check '" + spec + "' has no option " + key
                        + (allowed.length == 0 ? "; it takes none" : "; it takes " + String.join(", ", allowed)));
            }
        }
    }

    private static double number(String text) {
        return new BigDecimal(text).doubleValue();
    }
}
