import io.jenkins.plugins.mesh.simulator.LatencyDistribution;
import io.jenkins.plugins.mesh.simulator.ScrapedBookinfo;
import io.jenkins.plugins.mesh.simulator.VersionBehaviour;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Two simulated bookinfo meshes in real time for the screenshot script, each with its own API server, traffic model,
 * Istio metrics and a real Prometheus scraping them every second: {@code healthy} (the canary behaves like the stable
 * version) and {@code faulty} (20 % of the canary's requests fail). Writes {@code DIR/meshes.env} with the API server
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
            ScrapedBookinfo mesh = ScrapedBookinfo.start(healthy, canary, 100, 7);
            running.add(mesh);
            String key = name.toUpperCase();
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
