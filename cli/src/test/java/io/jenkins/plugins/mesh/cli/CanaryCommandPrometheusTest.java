package io.jenkins.plugins.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.mesh.simulator.VersionBehaviour;
import io.jenkins.plugins.mesh.testkit.PrometheusAssumptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code mesh canary} end to end: the simulator's API server, its traffic in real time, a real Prometheus scraping
 * the traffic's Istio metrics every second, and the command reading them with 3 s analysis intervals.
 */
public class CanaryCommandPrometheusTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    /** A custom check whose query has no series: every analysis of it is inconclusive, whatever the traffic. */
    private static final String NO_DATA = "query:queue-depth:0..10:sum(mesh_queue_depth_that_nobody_exports)";

    private ScrapedMesh mesh;

    @Before
    public void needsPrometheus() {
        PrometheusAssumptions.assumePrometheusAvailable();
    }

    @After
    public void stopMesh() {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    public void healthyCanaryIsPromoted() throws Exception {
        mesh = ScrapedMesh.start(ScrapedMesh.HEALTHY);
        Path report = folder.getRoot().toPath().resolve("report.json");

        CliRun run = CliRun.of(Bookinfo.canary(mesh.connection(), "--steps", "20,50", "--interval", "3s",
                "--check", "success-rate>=99", "--check", "latency-p99<=500", "--report", report.toString()));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("canary  20%  weight").contains("canary  50%  analysis  PASS")
                .contains("success-rate>=99 = ").contains("PROMOTED: every step passed");
        assertThat(Bookinfo.weights(mesh.cluster)).containsEntry("v1", 0).containsEntry("v2", 100);
        assertThat(Bookinfo.leases(mesh.cluster)).isEmpty();
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        assertThat(json.path("outcome").asText()).isEqualTo("PROMOTED");
        assertThat(json.path("restored").asBoolean()).isFalse();
        assertThat(json.path("steps").findValuesAsText("weight")).containsExactly("20", "50");
        assertThat(json.path("checks").findValuesAsText("verdict")).isNotEmpty().allMatch(v -> v.equals("PASS")
                || v.equals("INCONCLUSIVE")).contains("PASS");
    }

    @Test
    public void faultyCanaryIsRolledBackWithTheVirtualServiceAsBefore() throws Exception {
        mesh = ScrapedMesh.start(VersionBehaviour.of(0.20, ScrapedMesh.LATENCY));
        Map<String, Object> before = Bookinfo.spec(mesh.cluster);
        Path report = folder.getRoot().toPath().resolve("report.json");

        CliRun run = CliRun.of(Bookinfo.canary(mesh.connection(), "--steps", "20,50", "--interval", "3s",
                "--check", "success-rate>=99", "--report", report.toString()));

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("analysis  FAIL  success-rate>=99 = ")
                .contains("ROLLED_BACK: the canary failed at 20%").contains("the route is back to its snapshot");
        assertThat(Bookinfo.spec(mesh.cluster)).isEqualTo(before);
        assertThat(Bookinfo.leases(mesh.cluster)).isEmpty();
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        assertThat(json.path("outcome").asText()).isEqualTo("ROLLED_BACK");
        assertThat(json.path("target").asText()).isEqualTo("VirtualService bookinfo/reviews: v1 -> v2");
        assertThat(json.path("restored").asBoolean()).isTrue();
        assertThat(json.path("steps").get(0).path("verdict").asText()).isEqualTo("FAIL");
        JsonNode check = json.path("checks").get(0);
        assertThat(check.path("name").asText()).isEqualTo("success-rate>=99");
        assertThat(check.path("value").asDouble()).isBetween(60.0, 95.0);
        assertThat(json.path("durationMs").asLong()).isPositive();
    }

    @Test
    public void aDryRunWithPrometheusPrintsThePreFlightEstimateAndWritesNothing() {
        mesh = ScrapedMesh.start(ScrapedMesh.HEALTHY);
        String versionBefore = Bookinfo.resourceVersion(mesh.cluster);

        CliRun run = CliRun.of(Bookinfo.canary(mesh.connection(), "--steps", "20,50", "--dry-run"));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("pre-flight: the service serves [0-9.]+ requests/s; at 20% the canary "
                + "needs about [0-9ms]+ to serve the 50 requests its first analysis needs")
                .contains("dry run: nothing written");
        assertThat(Bookinfo.resourceVersion(mesh.cluster)).isEqualTo(versionBefore);
        assertThat(Bookinfo.leases(mesh.cluster)).isEmpty();
    }

    @Test
    public void aFirstStepThatCannotBeJudgedBeforeTheDeadlineDoesNotStart() {
        mesh = ScrapedMesh.start(ScrapedMesh.HEALTHY);
        String versionBefore = Bookinfo.resourceVersion(mesh.cluster);

        CliRun run = CliRun.of(Bookinfo.canary(mesh.connection(), "--steps", "20,50", "--interval", "3s",
                "--min-requests", "1000000"));

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.out()).contains("NOT_STARTED: the pre-flight found that the service serves")
                .contains("more than the first step may wait: 20 inconclusive analyses").contains("a larger first step").contains("nothing was written");
        assertThat(Bookinfo.resourceVersion(mesh.cluster)).isEqualTo(versionBefore);
        assertThat(Bookinfo.leases(mesh.cluster)).isEmpty();
    }

    @Test
    public void aCanaryTooThinToJudgeIsInconclusiveExitsFourAndIsRestored() throws Exception {
        mesh = ScrapedMesh.start(ScrapedMesh.HEALTHY);
        Map<String, Object> before = Bookinfo.spec(mesh.cluster);
        Path report = folder.getRoot().toPath().resolve("report.json");

        CliRun run = CliRun.of(Bookinfo.canary(mesh.connection(), "--steps", "20,50", "--interval", "3s",
                "--check", NO_DATA, "--inconclusive-limit", "2", "--report", report.toString()));

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(4);
        assertThat(run.out()).contains("pre-flight the service serves")
                .contains("INCONCLUSIVE: 2 analyses in a row could not judge the canary at 20%")
                .contains("a larger first step")
                .contains("nothing is known against the canary, nor for it; the route is back to its snapshot");
        assertThat(Bookinfo.spec(mesh.cluster)).isEqualTo(before);
        assertThat(Bookinfo.leases(mesh.cluster)).isEmpty();
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        assertThat(json.path("outcome").asText()).isEqualTo("INCONCLUSIVE");
        assertThat(json.path("restored").asBoolean()).isTrue();
    }

    @Test
    public void anInconclusiveCanaryCanBeHeldForAPersonToDecide() {
        mesh = ScrapedMesh.start(ScrapedMesh.HEALTHY);

        CliRun run = CliRun.of(Bookinfo.canary(mesh.connection(), "--steps", "20,50", "--interval", "3s",
                "--check", NO_DATA, "--inconclusive-limit", "2", "--on-inconclusive", "hold"));

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(4);
        assertThat(run.out()).contains("the route holds 20% and its lease keeps the snapshot")
                .contains("mesh rollback");
        assertThat(Bookinfo.weights(mesh.cluster)).containsEntry("v1", 80).containsEntry("v2", 20);
        assertThat(Bookinfo.leases(mesh.cluster)).isNotEmpty();
    }

    /** Ctrl-C, for real: the command runs in its own JVM and gets SIGINT while it waits between steps. */
    @Test
    public void interruptedCanaryRestoresTheRouteBeforeExiting() throws Exception {
        mesh = ScrapedMesh.start(ScrapedMesh.HEALTHY);
        Map<String, Object> before = Bookinfo.spec(mesh.cluster);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(Bookinfo.canary(mesh.connection(), "--steps", "20,50", "--interval", "1m")));
        Process process = new ProcessBuilder(command).redirectError(folder.newFile("stderr.txt")).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.contains("canary at 20%")) {
                    assertThat(Bookinfo.weights(mesh.cluster)).containsEntry("v2", 20);
                    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
                }
            }
        } finally {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        String stderr = Files.readString(folder.getRoot().toPath().resolve("stderr.txt"));
        String stdout = String.join("\n", lines);

        assertThat(process.exitValue()).as(stdout + "\n" + stderr).isEqualTo(1);
        assertThat(stderr).contains("interrupted: stopping the rollout and restoring the route");
        assertThat(stdout).contains("abort requested by Ctrl-C").contains("ABORTED: aborted by Ctrl-C")
                .contains("the route is back to its snapshot");
        assertThat(Bookinfo.spec(mesh.cluster)).isEqualTo(before);
        assertThat(Bookinfo.leases(mesh.cluster)).isEmpty();
    }
}
