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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Two simulated bookinfo meshes in real time for the screenshot script, each with its own API server, traffic model,
 * Istio metrics and a real Prometheus scraping them every second: {@code healthy} (the canary behaves like the stable
 * version; a fifth of its requests carry header {@code x-canary: true}, from 2000 users who keep their cookies, for
 * the A/B and sticky phases) and {@code faulty} (20 % of the canary's requests fail). Writes {@code DIR/meshes.env} with the API server
 * and Prometheus URLs, then runs until its standard input closes. Run with the command-line jar on the class path:
 * {@code java -cp cli/target/mesh-cli.jar plugin/src/test/screenshots/ScreenshotMeshes.java DIR}.
 */
public final class ScreenshotMeshes {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        LatencyDistribution latency = LatencyDistribution.of(20, 120);
        VersionBehaviour healthy = VersionBehaviour.of(0.001, latency);
        List<AutoCloseable> running = new ArrayList<>();
        StringBuilder env = new StringBuilder();
        for (String name : List.of("healthy", "faulty")) {
            VersionBehaviour canary = name.equals("healthy") ? healthy : VersionBehaviour.of(0.20, latency);
            String key = name.toUpperCase();
            if (name.equals("healthy")) {
                SimulatedCluster cluster = SimulatedCluster.start();
                TrafficModel model = cluster.reviewsTraffic(healthy, canary).requestRate(100)
                        .requestMix(RequestMix.plain().withHeader("x-canary", "true", 0.2)).users(2000)
                        .clock(Clock.systemUTC()).seed(7).build();
                RealTimeTicker ticker = RealTimeTicker.start(Duration.ofMillis(200), model);
                MetricsEndpoint endpoint = IstioMetrics.serve(List.of(model.metrics()));
                PrometheusProcess prometheus = PrometheusProcess.start(List.of(endpoint.address()),
                        Duration.ofSeconds(1));
                running.addAll(List.of(prometheus, endpoint, ticker, cluster));
                // the traffic pre-flight reads the stable's rate: wait for Prometheus' first scrapes of it
                while (!prometheus.query("sum(irate(istio_requests_total[1m])) > 0").contains("\"result\":[{")) {
                    Thread.sleep(200);
                }
                env.append(key).append("_API=").append(cluster.url()).append('\n');
                env.append(key).append("_PROMETHEUS=").append(prometheus.baseUrl()).append('\n');
                continue;
            }
            ScrapedBookinfo mesh = ScrapedBookinfo.start(healthy, canary, 100, 7);
            running.add(mesh);
            env.append(key).append("_API=").append(mesh.cluster().url()).append('\n');
            env.append(key).append("_PROMETHEUS=").append(mesh.prometheusUrl()).append('\n');
        }
        Path file = dir.resolve("meshes.env");
        Files.writeString(dir.resolve("meshes.env.tmp"), env, StandardCharsets.UTF_8);
        Files.move(dir.resolve("meshes.env.tmp"), file);
        System.out.print(env);
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the script closes our standard input
        }
        for (AutoCloseable part : running) {
            part.close();
        }
    }
}
