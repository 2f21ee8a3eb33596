package io.jenkins.plugins.mesh.engine.analysis;

/**
 * One number a check looked at, and where it came from.
 *
 * @param name what the number is, e.g. {@code canary requests} or {@code canary p99 latency ms}
 * @param query the query text (PromQL), the observer's description, or {@code null} for a number derived from the
 *        others
 * @param value the number; {@code null} when there was no data; NaN or infinite when the backend said so
 */
public record Measurement(String name, String query, Double value) {

    /** A number derived from other measurements. */
    public static Measurement derived(String name, double value) {
        return new Measurement(name, null, value);
    }
}
