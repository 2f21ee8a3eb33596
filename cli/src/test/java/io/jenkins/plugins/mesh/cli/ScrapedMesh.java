package io.jenkins.plugins.mesh.cli;

import io.jenkins.plugins.mesh.simulator.LatencyDistribution;
import io.jenkins.plugins.mesh.simulator.ScrapedBookinfo;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import io.jenkins.plugins.mesh.simulator.VersionBehaviour;
import java.net.URI;
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
    private final ScrapedBookinfo mesh;

    private ScrapedMesh(ScrapedBookinfo mesh) {
        this.mesh = mesh;
        this.cluster = mesh.cluster();
    }

    /** Starts everything; v1 is healthy, v2 behaves as {@code canary}; 300 requests/s. */
    static ScrapedMesh start(VersionBehaviour canary) {
        return new ScrapedMesh(ScrapedBookinfo.start(HEALTHY, canary, 300, 5));
    }

    /** {@code --kubeconfig FILE --prometheus URL}. */
    List<String> connection() {
        return List.of("--kubeconfig", cluster.kubeconfig().toString(), "--prometheus", mesh.prometheusUrl().toString());
    }

    /** The Prometheus that scrapes the mesh. */
    URI prometheusUrl() {
        return mesh.prometheusUrl();
    }

    @Override
    public void close() {
        mesh.close();
    }
}
