package io.jenkins.plugins.mesh.cli;

import io.jenkins.plugins.mesh.simulator.IstioMetrics;
import io.jenkins.plugins.mesh.simulator.LatencyDistribution;
import io.jenkins.plugins.mesh.simulator.RealTimeTicker;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import io.jenkins.plugins.mesh.simulator.TrafficModel;
import io.jenkins.plugins.mesh.simulator.VersionBehaviour;
import io.jenkins.plugins.mesh.testkit.MetricsEndpoint;
import io.jenkins.plugins.mesh.testkit.PrometheusProcess;
import java.time.Duration;
import java.util.List;

/**
 * The simulated bookinfo mesh in real time, scraped by a real Prometheus every second: the API server (its
 * kubeconfig for {@code --kubeconfig}), traffic that follows the VirtualService's live weights, its Istio metrics at
 * {@code /metrics}, and the Prometheus process. Closing it stops all of them.
 */
final class ScrapedMesh implements AutoCloseable {

    static final LatencyDistribution LATENCY = LatencyDistribution.of(20, 120);
    static final VersionBehaviour HEALTHY = VersionBehaviour.of(0.001, LATENCY);

    final SimulatedCluster cluster;
    private final RealTimeTicker ticker;
    private final MetricsEndpoint endpoint;
    final PrometheusProcess prometheus;

    private ScrapedMesh(SimulatedCluster cluster, RealTimeTicker ticker, MetricsEndpoint endpoint,
            PrometheusProcess prometheus) {
        this.cluster = cluster;
        this.ticker = ticker;
        this.endpoint = endpoint;
        this.prometheus = prometheus;
    }

    /** Starts everything; v1 is healthy, v2 behaves as {@code canary}; 300 requests/s. */
    static ScrapedMesh start(VersionBehaviour canary) {
        SimulatedCluster cluster = SimulatedCluster.start();
        RealTimeTicker ticker = null;
        MetricsEndpoint endpoint = null;
        try {
            TrafficModel model = cluster.reviewsTraffic(HEALTHY, canary).requestRate(300).seed(5).build();
            ticker = RealTimeTicker.start(Duration.ofMillis(200), model);
            endpoint = IstioMetrics.serve(List.of(model.metrics()));
            PrometheusProcess prometheus = PrometheusProcess.start(List.of(endpoint.address()), Duration.ofSeconds(1));
            return new ScrapedMesh(cluster, ticker, endpoint, prometheus);
        } catch (RuntimeException e) {
            if (endpoint != null) {
                endpoint.close();
            }
            if (ticker != null) {
                ticker.close();
            }
            cluster.close();
            throw e;
        }
    }

    /** {@code --kubeconfig FILE --prometheus URL}. */
    List<String> connection() {
        return List.of("--kubeconfig", cluster.kubeconfig().toString(), "--prometheus",
                prometheus.baseUrl().toString());
    }

    @Override
    public void close() {
        prometheus.close();
        endpoint.close();
        ticker.close();
        cluster.close();
    }
}
