package io.jenkins.plugins.mesh.engine.analysis;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one check concluded at one time, with everything needed to retrace it: the numbers and the queries behind
 * them, the threshold, the verdict and why. Plain strings, numbers and lists, so it serialises with Jackson 2 as is.
 *
 * @param check the check's spec, e.g. {@code success-rate>=99}
 * @param threshold the rule in words, e.g. {@code canary success rate >= 99 %}
 * @param verdict PASS, FAIL or INCONCLUSIVE
 * @param value the headline number the threshold speaks of (success rate %, latency ms, requests/s, error-ratio
 *        difference in percentage points, the custom query's value), or {@code null} when there was none
 * @param reason one sentence: why this verdict
 * @param time the evaluation time (ISO-8601, UTC), the end of the window
 * @param window the window the numbers cover, as a PromQL duration such as {@code 60s}
 * @param measurements the numbers, in the order the check read or derived them
 * @param error the metric backend's error when the numbers could not be read, else {@code null}
 */
public record CheckRecord(String check, String threshold, Verdict verdict, Double value, String reason, String time,
        String window, List<Measurement> measurements, String error) {

    public CheckRecord {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(verdict, "verdict");
        measurements = measurements == null ? List.of() : List.copyOf(measurements);
    }

    /** A verdict reached from the numbers. */
    static CheckRecord of(Check check, CheckContext context, Verdict verdict, Double value, String reason,
            List<Measurement> measurements) {
        return new CheckRecord(check.spec(), check.threshold(), verdict, value, reason, context.at().toString(),
                PromQl.duration(context.window()), measurements, null);
    }

    /** The numbers could not be read: inconclusive, with the backend's message. */
    static CheckRecord metricError(Check check, CheckContext context, MetricException error) {
        return new CheckRecord(check.spec(), check.threshold(), Verdict.INCONCLUSIVE, null,
                "metrics could not be read: " + error.getMessage(), context.at().toString(),
                PromQl.duration(context.window()), List.of(), error.getMessage());
    }

    /** The same record under another name, e.g. to tell which window it judged. */
    public CheckRecord withCheck(String name) {
        return new CheckRecord(name, threshold, verdict, value, reason, time, window, measurements, error);
    }

    /** The evaluation time as an instant. */
    public Instant instant() {
        return Instant.parse(time);
    }

    /** One line for logs: {@code FAIL success-rate>=99: success rate 97.5 % is below 99 %}. */
    public String summary() {
        return verdict + " " + check + ": " + reason;
    }
}
