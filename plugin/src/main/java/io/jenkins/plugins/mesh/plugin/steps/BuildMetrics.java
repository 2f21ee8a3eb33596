package io.jenkins.plugins.mesh.plugin.steps;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.mesh.engine.analysis.PrometheusMetricProvider;
import io.jenkins.plugins.mesh.plugin.config.MeshPipelineConfiguration;
import io.jenkins.plugins.mesh.plugin.connect.CredentialSource;
import io.jenkins.plugins.mesh.plugin.connect.MetricServerConnections;

/** A build's connection to one configured metric server, with the credential as the build may use it. */
final class BuildMetrics {

    private BuildMetrics() {
    }

    /**
     * The engine's Prometheus provider for the metric server named {@code metricsName}.
     *
     * @throws AbortException naming the step and the server when it is not configured or its settings are wrong
     */
    static PrometheusMetricProvider open(String step, String metricsName, Run<?, ?> run) throws AbortException {
        try {
            return new PrometheusMetricProvider(MetricServerConnections.forServer(
                    MeshPipelineConfiguration.get().requireMetricServer(metricsName), CredentialSource.forRun(run))
                    .toPrometheusConnection());
        } catch (IllegalArgumentException e) {
            throw new AbortException(step + ": metric server " + metricsName + ": " + e.getMessage());
        }
    }
}
