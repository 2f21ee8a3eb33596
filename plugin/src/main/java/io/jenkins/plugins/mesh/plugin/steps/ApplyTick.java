package io.jenkins.plugins.mesh.plugin.steps;

import hudson.model.Run;
import io.jenkins.plugins.mesh.engine.analysis.HealthAnalysis;
import io.jenkins.plugins.mesh.engine.analysis.PrometheusMeshObserver;
import io.jenkins.plugins.mesh.engine.analysis.PrometheusMetricProvider;
import io.jenkins.plugins.mesh.engine.apply.ApplyDriver;
import io.jenkins.plugins.mesh.engine.apply.ApplyState;
import io.jenkins.plugins.mesh.engine.apply.BeforeAfterHealthGate;
import io.jenkins.plugins.mesh.engine.apply.ConfigApply;
import io.jenkins.plugins.mesh.engine.apply.HealthGate;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * One call into an apply: the cluster connection as the build, the engine's config apply on it and, with checks, the
 * health gate on the metric server. Built per tick and closed after it, so no client and no engine object outlives
 * it; a resumed build builds it again from the execution's persisted request.
 */
final class ApplyTick implements AutoCloseable {

    private final BuildCluster cluster;
    private final ConfigApply config;
    private final HealthGate gate;

    private ApplyTick(BuildCluster cluster, HealthGate gate) {
        this.cluster = cluster;
        this.config = new ConfigApply(cluster.client(), Clock.systemUTC(), TrafficSettings.defaults());
        this.gate = gate;
    }

    /**
     * Connects as the build.
     *
     * @throws hudson.AbortException when the cluster or the metric server is not configured or cannot be connected
     */
    static ApplyTick open(String clusterName, String metricsName, List<String> checks, Duration interval,
            Run<?, ?> run) throws IOException {
        HealthGate gate = HealthGate.NONE;
        if (!checks.isEmpty()) {
            PrometheusMetricProvider metrics = BuildMetrics.open("meshApply", metricsName, run);
            gate = new BeforeAfterHealthGate(HealthAnalysis.of(checks, interval, HealthAnalysis.DEFAULT_MIN_REQUESTS),
                    new PrometheusMeshObserver(metrics), metrics);
        }
        return new ApplyTick(BuildCluster.open(clusterName, run), gate);
    }

    BuildCluster cluster() {
        return cluster;
    }

    /** The engine's driver: it hands every new state to {@code listener} before it acts (persist it there). */
    ApplyDriver driver(Consumer<ApplyState> listener, Consumer<String> warnings) {
        return config.driver(gate, listener, warnings);
    }

    @Override
    public void close() {
        cluster.close();
    }
}
