package io.jenkins.plugins.mesh.plugin.pipeline;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.mesh.plugin.config.MeshCluster;
import io.jenkins.plugins.mesh.plugin.config.MeshPipelineConfiguration;
import io.jenkins.plugins.mesh.plugin.config.MetricServer;
import io.jenkins.plugins.mesh.simulator.LatencyDistribution;
import io.jenkins.plugins.mesh.simulator.ScrapedBookinfo;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import io.jenkins.plugins.mesh.simulator.VersionBehaviour;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;

/**
 * The simulated bookinfo mesh for Pipeline tests, in real time: the simulator's API server (fabric8's mock server in
 * CRUD mode, VirtualService {@code bookinfo/reviews} route {@code primary} v1=100/v2=0), a traffic model that follows
 * the live weights (with two minutes of traffic before the start, as a live service has, which the canary's traffic
 * pre-flight reads), its Istio metrics served on a loopback port and scraped every second by a real Prometheus; the
 * mesh is ready once Prometheus has seen that traffic. Jenkins
 * sees it as cluster {@code sim} (a kubeconfig Secret file credential) and metric server {@code prom}.
 */
final class SimulatedMesh implements AutoCloseable {

    static final String CLUSTER = "sim";
    static final String METRICS = "prom";
    static final String KUBECONFIG_ID = "sim-kubeconfig";
    static final LatencyDistribution LATENCY = LatencyDistribution.of(20, 120);
    static final VersionBehaviour HEALTHY = VersionBehaviour.of(0.001, LATENCY);
    static final VersionBehaviour FAILING = VersionBehaviour.of(0.20, LATENCY);

    private final ScrapedBookinfo mesh;
    private final SimulatedCluster cluster;

    private SimulatedMesh(ScrapedBookinfo mesh) {
        this.mesh = mesh;
        this.cluster = mesh.cluster();
    }

    /** Starts the mesh with a healthy stable version and {@code canary} as the canary's behaviour, at 100 requests/s. */
    static SimulatedMesh start(VersionBehaviour canary) {
        return start(canary, 100);
    }

    /** Likewise with {@code requestRate} requests/s to the service; 0 for a service nobody calls. */
    static SimulatedMesh start(VersionBehaviour canary, double requestRate) {
        return new SimulatedMesh(ScrapedBookinfo.start(HEALTHY, canary, requestRate, 7));
    }

    /** Adds the kubeconfig credential, cluster {@value #CLUSTER} and metric server {@value #METRICS} to Jenkins. */
    void configure() throws IOException {
        configureCluster(cluster);
        MeshPipelineConfiguration.get().setMetricServers(List.of(new MetricServer(METRICS,
                mesh.prometheusUrl().toString())));
    }

    /** Adds the kubeconfig credential and cluster {@value #CLUSTER} for {@code cluster} (no metric server). */
    static void configureCluster(SimulatedCluster cluster) throws IOException {
        byte[] kubeconfig = Files.readAllBytes(cluster.kubeconfig());
        SystemCredentialsProvider credentials = SystemCredentialsProvider.getInstance();
        credentials.getCredentials().add(new FileCredentialsImpl(CredentialsScope.GLOBAL, KUBECONFIG_ID,
                "simulated cluster", "kubeconfig.yaml", SecretBytes.fromRawBytes(kubeconfig)));
        credentials.save();
        MeshCluster sim = new MeshCluster(CLUSTER);
        sim.setCredentialsId(KUBECONFIG_ID);
        sim.setNamespace(SimulatedCluster.NAMESPACE);
        MeshPipelineConfiguration.get().setClusters(List.of(sim));
    }

    SimulatedCluster cluster() {
        return cluster;
    }

    /** The spec of VirtualService {@code bookinfo/reviews} as stored now. */
    @SuppressWarnings("unchecked")
    Map<String, Object> reviewsSpec() {
        GenericKubernetesResource vs = cluster.reviewsVirtualService();
        return (Map<String, Object>) vs.getAdditionalProperties().get("spec");
    }

    /** The weights of route {@code primary} by subset. */
    Map<String, Integer> primaryWeights() {
        return cluster.reviewsPrimaryWeights();
    }

    /** Whether any Mesh Pipeline lease (a route lock with its snapshot) is left in the namespace. */
    boolean hasLeases() {
        return !cluster.client().leases().inNamespace(SimulatedCluster.NAMESPACE).list().getItems().isEmpty();
    }

    @Override
    public void close() {
        mesh.close();
    }
}
