package io.jenkins.plugins.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.testkit.MetricsEndpoint;
import io.jenkins.plugins.mesh.testkit.PrometheusAssumptions;
import io.jenkins.plugins.mesh.testkit.PrometheusProcess;
import java.time.Duration;
import java.util.List;
import org.junit.Test;

/** {@code mesh demo} in-process: its three stories, their outcomes and the proof that the route is back. */
public class DemoCommandTest {

    private static void assertEveryStory(CliRun run) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("== 1. a healthy canary")
                .contains("canary  10%  analysis  PASS  success-rate>=99 = ")
                .contains("PROMOTED: every step passed")
                .contains("== 2. a faulty canary")
                .containsPattern("analysis  FAIL  (success-rate>=99|error-rate-vs-stable \\(sequential\\)) = ")
                .contains("ROLLED_BACK: the canary failed at")
                .contains("routes restored to their snapshot and verified")
                .contains("routes restored: the spec after the restore is identical to the spec before")
                .contains("== 3. a faulty canary with a mirror phase first")
                .contains("ROLLED_BACK: the canary failed in the mirror 50% phase")
                .containsPattern("the canary answered [1-9][0-9]* mirrored copies and served 0 user requests")
                .doesNotContain("ROUTES NOT RESTORED");
        String before = line(run.out(), "spec before the rollout: ");
        String after = line(run.out(), "spec after the restore:  ");
        assertThat(after).isEqualTo(before).contains("reviews:v1=100, reviews:v2=0");
    }

    private static String line(String out, String marker) {
        return out.lines().filter(l -> l.contains(marker)).findFirst().orElseThrow()
                .replaceFirst(".*" + marker, "");
    }

    @Test
    public void simulatedDemoTellsEveryStoryAndProvesTheRestores() {
        CliRun run = CliRun.of("demo");
        assertEveryStory(run);
        assertThat(run.out()).contains("in simulated time").contains("1. PROMOTED").contains("2. ROLLED_BACK")
                .contains("3. ROLLED_BACK")
                .contains("the canary failed at 20%");
    }

    @Test
    public void sameSeedTellsTheSameStory() {
        String first = CliRun.of("demo", "--seed", "7").out();
        String second = CliRun.of("demo", "--seed", "7").out();
        assertThat(stories(second)).isEqualTo(stories(first));
    }

    private static String stories(String out) {
        return out.replaceAll("demo took [0-9.]+ s", "");
    }

    @Test
    public void withARealPrometheusTheDemoRunsInRealTime() {
        PrometheusAssumptions.assumePrometheusAvailable();
        CliRun run = CliRun.of("demo", "--with-prometheus", "--interval", "3s");
        assertEveryStory(run);
        assertThat(run.out()).contains("starting Prometheus").contains("in real time");
    }

    /**
     * The user's own Prometheus: here one already scraping a fixed port on which nothing listens yet, as a user would
     * configure it before running the demo with that {@code --metrics-port}.
     */
    @Test
    public void withTheUsersPrometheusTheDemoWaitsForItsScrapeAndRuns() throws Exception {
        PrometheusAssumptions.assumePrometheusAvailable();
        int port;
        PrometheusProcess prometheus;
        try (MetricsEndpoint placeholder = MetricsEndpoint.start(() -> "")) {
            port = Integer.parseInt(placeholder.address().replaceFirst(".*:", ""));
            prometheus = PrometheusProcess.start(List.of(placeholder.address()), Duration.ofSeconds(1));
        }
        try (prometheus) {
            CliRun run = CliRun.of("demo", "--prometheus", prometheus.baseUrl().toString(), "--metrics-port",
                    Integer.toString(port), "--interval", "3s");
            assertEveryStory(run);
            assertThat(run.out()).contains("targets: ['127.0.0.1:" + port + "']")
                    .contains("waiting for the first scrape of http://127.0.0.1:" + port + "/metrics")
                    .contains("read from " + prometheus.baseUrl());
        }
    }

    @Test
    public void speedIsForSimulatedTimeOnly() {
        CliRun run = CliRun.of("demo", "--with-prometheus", "--speed", "10");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--speed applies to simulated time");
    }
}
