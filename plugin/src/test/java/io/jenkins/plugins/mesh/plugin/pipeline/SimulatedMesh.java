package io.jenkins.plugins.mesh.plugin.pipeline;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.mesh.plugin.config.MeshCluster;
import io.jenkins.plugins.mesh.plugin.config.MeshPipelineConfiguration;
import io.jenkins.plugins.mesh.plugin.config.MetricServer;
import io.jenkins.plugins.mesh.simulator.IstioMetrics;
import io.jenkins.plugins.mesh.simulator.LatencyDistribution;
import io.jenkins.plugins.mesh.simulator.RealTimeTicker;
import io.jenkins.plugins.mesh.simulator.RequestMix;
import io.jenkins.plugins.mesh.simulator.ScrapedBookinfo;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import io.jenkins.plugins.mesh.simulator.TrafficModel;
import io.jenkins.plugins.mesh.simulator.VersionBehaviour;
import io.jenkins.plugins.mesh.testkit.MetricsEndpoint;
import io.jenkins.plugins.mesh.testkit.PrometheusProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;

/**
 * The simulated bookinfo mesh for Pipeline tests, in real time: the simulator's API server (fabric8's mock server in
 * CRUD mode, VirtualService {@code bookinfo/reviews} route {@code primary} v1=100/v2=0), a traffic model that follows
 * the live weights (with two minutes of traffic before the start, as a live service has, which the canary's traffic
 * pre-flight reads), its Istio metrics served on a loopback port and scraped every second by a real Prometheus; the
 * mesh is ready once Prometheus has seen that traffic. Jenkins
 * sees it as cluster {@code sim} (a kubeconfig Secret file credential) and metric server {@code prom}. For A/B
 * phases, {@link #startWithMix} gives some requests a header or cookie and lets users keep their session cookies.
 */
final class SimulatedMesh implements AutoCloseable {

    static final String CLUSTER = "sim";
    static final String METRICS = "prom";
    static final String KUBECONFIG_ID = "sim-kubeconfig";
    static final LatencyDistribution LATENCY = LatencyDistribution.of(20, 120);
    static final VersionBehaviour HEALTHY = VersionBehaviour.of(0.001, LATENCY);
    static final VersionBehaviour FAILING = VersionBehaviour.of(0.20, LATENCY);

    private final SimulatedCluster cluster;
    private final URI prometheusUrl;
    private final AutoCloseable parts;

    private SimulatedMesh(SimulatedCluster cluster, URI prometheusUrl, AutoCloseable parts) {
        this.cluster = cluster;
        this.prometheusUrl = prometheusUrl;
        this.parts = parts;
    }

    /** Starts the mesh with a healthy stable version and {@code canary} as the canary's behaviour, at 100 requests/s. */
    static SimulatedMesh start(VersionBehaviour canary) {
        return start(canary, 100);
    }

    /** Likewise with {@code requestRate} requests/s to the service; 0 for a service nobody calls. */
    static SimulatedMesh start(VersionBehaviour canary, double requestRate) {
        ScrapedBookinfo mesh = ScrapedBookinfo.start(HEALTHY, canary, requestRate, 7);
        return new SimulatedMesh(mesh.cluster(), mesh.prometheusUrl(), mesh::close);
    }

    /**
     * Like {@link #start(VersionBehaviour)} at 100 requests/s, but the requests carry the headers and cookies of
     * {@code mix} (so an A/B route gets some) and come from {@code users} users who keep the cookies the answers set
     * (so sticky routes hold them).
     */
    static SimulatedMesh startWithMix(VersionBehaviour canary, RequestMix mix, long users) {
        SimulatedCluster cluster = SimulatedCluster.start();
        List<AutoCloseable> started = new ArrayList<>();
        started.add(cluster);
        try {
            TrafficModel model = cluster.reviewsTraffic(HEALTHY, canary).requestRate(100).requestMix(mix)
                    .users(users).clock(Clock.systemUTC()).seed(7).build();
            started.add(0, RealTimeTicker.start(Duration.ofMillis(200), model));
            MetricsEndpoint endpoint = IstioMetrics.serve(List.of(model.metrics()));
            started.add(0, endpoint);
            PrometheusProcess prometheus = PrometheusProcess.start(List.of(endpoint.address()), Duration.ofSeconds(1));
            started.add(0, prometheus);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!prometheus.query("sum(irate(istio_requests_total[1m])) > 0").contains("\"result\":[{")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Prometheus saw no traffic within 30 s");
                }
                Thread.sleep(100);
            }
            return new SimulatedMesh(cluster, prometheus.baseUrl(), () -> closeAll(started));
        } catch (Exception e) {
            closeAll(started);
            throw new IllegalStateException("could not start the simulated mesh: " + e.getMessage(), e);
        }
    }

    /** Closes in order, the last started first. */
    private static void closeAll(List<AutoCloseable> parts) {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                // the rest still gets closed
            }
        }
    }

    /** Adds the kubeconfig credential, cluster {@value #CLUSTER} and metric server {@value #METRICS} to Jenkins. */
    void configure() throws IOException {
        configureCluster(cluster);
        MeshPipelineConfiguration.get().setMetricServers(List.of(new MetricServer(METRICS,
                prometheusUrl.toString())));
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
        try {
            parts.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
