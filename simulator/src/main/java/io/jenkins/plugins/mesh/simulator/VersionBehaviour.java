package io.jenkins.plugins.mesh.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How one version of the service answers, over simulated time since the model's start: the share of requests that
 * fail (answered {@value #ERROR_CODE}) and the latency distribution of all its requests. Immutable; the {@code ...From}
 * methods return a copy with one more step.
 *
 * <pre>{@code
 * VersionBehaviour canary = VersionBehaviour.of(0.001, LatencyDistribution.of(20, 200))
 *         .errorsFrom(Duration.ofMinutes(3), 0.20);
 * }</pre>
 */
public final class VersionBehaviour {

    /** The response code of a failed request. */
    public static final int ERROR_CODE = 503;

    private final Schedule<Double> errorRatio;
    private final Schedule<LatencyDistribution> latency;

    private VersionBehaviour(Schedule<Double> errorRatio, Schedule<LatencyDistribution> latency) {
        this.errorRatio = errorRatio;
        this.latency = latency;
    }

    /** A version failing {@code errorRatio} (0..1) of its requests, with {@code latency}, all the time. */
    public static VersionBehaviour of(double errorRatio, LatencyDistribution latency) {
        return new VersionBehaviour(Schedule.constant(checkRatio(errorRatio)),
                Schedule.constant(Objects.requireNonNull(latency, "latency")));
    }

    /** Both schedules given explicitly. */
    public static VersionBehaviour of(Schedule<Double> errorRatio, Schedule<LatencyDistribution> latency) {
        return new VersionBehaviour(Objects.requireNonNull(errorRatio, "errorRatio"),
                Objects.requireNonNull(latency, "latency"));
    }

    /** From {@code start} on, {@code errorRatio} of the requests fail. */
    public VersionBehaviour errorsFrom(Duration start, double errorRatio) {
        return new VersionBehaviour(this.errorRatio.from(start, checkRatio(errorRatio)), latency);
    }

    /** From {@code start} on, latency follows {@code latency}. */
    public VersionBehaviour latencyFrom(Duration start, LatencyDistribution latency) {
        return new VersionBehaviour(errorRatio, this.latency.from(start, Objects.requireNonNull(latency, "latency")));
    }

    public Schedule<Double> errorRatio() {
        return errorRatio;
    }

    public Schedule<LatencyDistribution> latency() {
        return latency;
    }

    private static double checkRatio(double ratio) {
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("an error ratio is between 0 and 1 (0.2 = 20%), got " + ratio);
        }
        return ratio;
    }

    @Override
    public String toString() {
        return "errors " + errorRatio + "; " + latency;
    }
}
