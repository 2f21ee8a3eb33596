package io.jenkins.plugins.mesh.engine.rollout;

import io.jenkins.plugins.mesh.engine.analysis.CheckRecord;
import io.jenkins.plugins.mesh.engine.analysis.HealthAnalysis;
import io.jenkins.plugins.mesh.engine.analysis.MeshObserver;
import io.jenkins.plugins.mesh.engine.analysis.MetricProvider;
import io.jenkins.plugins.mesh.engine.analysis.StepResult;
import io.jenkins.plugins.mesh.engine.analysis.VersionSelector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rollout's eyes on real metrics: evaluates the health checks over the time the canary has held its current
 * weight, comparing it with the stable version where a check asks for it.
 */
public final class HealthCanaryAnalysis implements CanaryAnalysis {

    /** Shorter windows carry too few scrapes to mean anything. */
    private static final Duration SHORTEST_WINDOW = Duration.ofSeconds(1);

    private final HealthAnalysis analysis;
    private final MeshObserver observer;
    private final MetricProvider metrics;
    private final VersionSelector stable;
    private final VersionSelector canary;

    /**
     * @param metrics runs custom PromQL checks; may be null when {@link HealthAnalysis#needsQueries()} is false
     */
    public HealthCanaryAnalysis(HealthAnalysis analysis, MeshObserver observer, MetricProvider metrics,
            VersionSelector stable, VersionSelector canary) {
        if (analysis.needsQueries() && metrics == null) {
            throw new IllegalArgumentException("custom query checks need a Prometheus server: give its URL");
        }
        this.analysis = analysis;
        this.observer = observer;
        this.metrics = metrics;
        this.stable = stable;
        this.canary = canary;
    }

    @Override
    public StepAnalysis analyse(int weight, Instant windowStart, Instant at) {
        Duration window = Duration.between(windowStart, at);
        if (window.compareTo(SHORTEST_WINDOW) < 0) {
            window = SHORTEST_WINDOW;
        }
        StepResult result = analysis.withWindow(window).evaluate(observer, metrics, stable, canary, at);
        List<CheckSummary> checks = new ArrayList<>();
        for (CheckRecord record : result.checks()) {
            String detail = record.error() != null ? record.error() : record.reason();
            checks.add(new CheckSummary(record.check(), finite(record.value()), record.threshold(), record.verdict(),
                    detail));
        }
        return new StepAnalysis(at, weight, result.verdict(), checks);
    }

    /** JSON has no NaN or infinity; a value that is not a number is no value. */
    private static Double finite(Double value) {
        return value == null || value.isNaN() || value.isInfinite() ? null : value;
    }
}
