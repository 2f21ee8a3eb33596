package io.jenkins.plugins.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import io.jenkins.plugins.mesh.simulator.VersionBehaviour;
import io.jenkins.plugins.mesh.testkit.PrometheusAssumptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * {@code mesh analyze} end to end: the simulator's traffic in real time, scraped every second by a real Prometheus,
 * analysed over 5 s windows; the route is read, never written.
 */
public class AnalyzeCommandPrometheusTest {

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
    public void aCanaryWithoutTrafficIsInconclusiveAndAHealthyOnePasses() throws Exception {
        mesh = ScrapedMesh.start(ScrapedMesh.HEALTHY);
        Map<String, Object> before = Bookinfo.spec(mesh.cluster);

        CliRun idle = analyze("--service", SimulatedCluster.SERVICE);
        assertThat(idle.exitCode()).as(idle.out() + idle.err()).isEqualTo(4);
        assertThat(idle.out()).contains("analysis: Service bookinfo/reviews: v1 -> v2 (read only")
                .contains("INCONCLUSIVE  success-rate>=99").contains("canary served 0 requests")
                .contains("verdict: INCONCLUSIVE: the analysis fails (--fail-on inconclusive)");
        assertThat(analyze("--service", SimulatedCluster.SERVICE, "--fail-on", "fail").exitCode()).isZero();
        assertThat(Bookinfo.spec(mesh.cluster)).isEqualTo(before);

        CliRun shifted = CliRun.of(connected("traffic", "-n", SimulatedCluster.NAMESPACE, "--virtual-service",
                SimulatedCluster.SERVICE, "--stable", "v1", "--canary", "v2", "--weight", "50"));
        assertThat(shifted.exitCode()).as(shifted.err()).isZero();
        CliRun passed = conclusive("--virtual-service", SimulatedCluster.SERVICE);

        assertThat(passed.exitCode()).as(passed.out() + passed.err()).isZero();
        assertThat(passed.out()).contains("analysis: VirtualService bookinfo/reviews: reviews:v1 -> reviews:v2").contains("PASS          success-rate>=99").contains("verdict: PASS");
        assertThat(Bookinfo.leases(mesh.cluster)).hasSize(1);

        CliRun json = analyze("--virtual-service", SimulatedCluster.SERVICE, "--format", "json", "--fail-on",
                "never", "--check", "latency-p99<=1");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertThat(report.path("verdict").asText()).isEqualTo("FAIL");
        assertThat(report.path("failOn").asText()).isEqualTo("never");
        assertThat(report.path("failed").asBoolean()).isFalse();
        assertThat(report.path("canary").asText()).isEqualTo("bookinfo/reviews@v2");
        assertThat(report.path("window").asText()).isEqualTo("5s");
        assertThat(report.path("checks").findValuesAsText("verdict")).containsExactly("PASS", "FAIL");
        JsonNode check = report.path("checks").get(1);
        assertThat(check.path("check").asText()).isEqualTo("latency-p99<=1");
        assertThat(check.path("value").asDouble()).isGreaterThan(1);
        assertThat(check.path("measurements").findValuesAsText("query")).anyMatch(q -> q.contains(
                "histogram_quantile(0.99"));
    }

    @Test
    public void aFaultyCanaryFailsWithItsValue() {
        mesh = ScrapedMesh.start(VersionBehaviour.of(0.20, ScrapedMesh.LATENCY));
        CliRun shifted = CliRun.of(connected("traffic", "-n", SimulatedCluster.NAMESPACE, "--virtual-service",
                SimulatedCluster.SERVICE, "--stable", "v1", "--canary", "v2", "--weight", "50"));
        assertThat(shifted.exitCode()).as(shifted.err()).isZero();

        CliRun failed = conclusive("--service", SimulatedCluster.SERVICE);

        assertThat(failed.exitCode()).as(failed.out() + failed.err()).isEqualTo(1);
        assertThat(failed.out()).contains("FAIL          success-rate>=99").contains("verdict: FAIL: the analysis "
                + "fails (--fail-on inconclusive)");
    }

    /** Analyses until the window holds enough scraped traffic to conclude (a few seconds), at most 60 s. */
    private CliRun conclusive(String... more) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        CliRun run = analyze(more);
        while (run.exitCode() == 4 && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            run = analyze(more);
        }
        return run;
    }

    private CliRun analyze(String... more) {
        List<String> args = new ArrayList<>(List.of("analyze", "-n", SimulatedCluster.NAMESPACE, "--stable", "v1",
                "--canary", "v2", "--window", "5s", "--check", "success-rate>=99"));
        args.addAll(Arrays.asList(more));
        return CliRun.of(connected(args.toArray(String[]::new)));
    }

    private String[] connected(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(mesh.connection());
        if (!all.contains("analyze")) {
            all.removeAll(List.of("--prometheus", mesh.prometheusUrl().toString()));
        }
        return all.toArray(String[]::new);
    }
}
