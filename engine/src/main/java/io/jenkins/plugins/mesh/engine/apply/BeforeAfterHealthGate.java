package io.jenkins.plugins.mesh.engine.apply;

import io.jenkins.plugins.mesh.engine.analysis.HealthAnalysis;
import io.jenkins.plugins.mesh.engine.analysis.MeshObserver;
import io.jenkins.plugins.mesh.engine.analysis.MetricProvider;
import io.jenkins.plugins.mesh.engine.analysis.StepResult;
import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The health gate of an apply with the canary's checks and statistics ({@link HealthAnalysis}): for each routed
 * service, its traffic since the change is the "canary" and the same span before the change the "stable", so
 * {@code success-rate>=99} judges the service after the change and {@code error-rate-vs-stable} or
 * {@code latency-p99-vs-stable<=1.5x} compare it with itself before. The window is the time since the change, at
 * most the analysis window. No services, or too little traffic, is inconclusive: never a pass.
 */
public final class BeforeAfterHealthGate implements HealthGate {

    private final HealthAnalysis analysis;
    private final MeshObserver observer;
    private final MetricProvider metrics;

    /** @param metrics runs custom queries; may be null when no check needs one */
    public BeforeAfterHealthGate(HealthAnalysis analysis, MeshObserver observer, MetricProvider metrics) {
        this.analysis = analysis;
        this.observer = observer;
        this.metrics = metrics;
    }

    @Override
    public GateRecord analyse(List<RoutedService> services, Instant changedAt, Instant at) {
        if (services.isEmpty()) {
            return new GateRecord(at, Verdict.INCONCLUSIVE, "the changed objects route to no cluster Service, so "
                    + "there is nothing to watch; apply without checks");
        }
        Duration since = Duration.between(changedAt, at);
        Duration window = since.compareTo(analysis.window()) < 0 ? since : analysis.window();
        if (window.toMillis() < 1000) {
            window = Duration.ofSeconds(1);
        }
        HealthAnalysis windowed = analysis.withWindow(window);
        BeforeAfterObserver split = new BeforeAfterObserver(observer, changedAt);
        List<Verdict> verdicts = new ArrayList<>();
        StringBuilder summary = new StringBuilder();
        for (RoutedService service : services) {
            StepResult result = windowed.evaluate(split, metrics, BeforeAfterObserver.before(service),
                    BeforeAfterObserver.after(service), at);
            verdicts.add(result.verdict());
            if (summary.length() > 0) {
                summary.append("; ");
            }
            summary.append(service).append(' ').append(result.verdict()).append(": ").append(result.summary());
        }
        return new GateRecord(at, Verdict.combine(verdicts), summary.toString());
    }
}
