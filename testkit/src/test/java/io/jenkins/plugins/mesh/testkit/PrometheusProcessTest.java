package io.jenkins.plugins.mesh.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

public class PrometheusProcessTest {

    private static final Duration AWAIT = Duration.ofSeconds(20);

    @Test
    public void scrapesAnEndpointAndAnswersQueriesWithItsValues() throws Exception {
        PrometheusAssumptions.assumePrometheusAvailable();
        AtomicLong counter = new AtomicLong(41);
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(() -> "# HELP demo_requests_total Requests.\n"
                + "# TYPE demo_requests_total counter\n"
                + "demo_requests_total{version=\"v1\"} " + counter.get() + "\n");
                PrometheusProcess prometheus = PrometheusProcess.start(List.of(endpoint.address()),
                        Duration.ofSeconds(1))) {
            assertThat(prometheus.baseUrl().toString()).startsWith("http://127.0.0.1:");
            // start() returns once the target was scraped, so the first value is there already.
            assertThat(prometheus.query("demo_requests_total{version=\"v1\"}")).contains("\"41\"");

            counter.set(42);
            String answer = awaitQuery(prometheus, "demo_requests_total{version=\"v1\",job=\"mesh\"}", "\"42\"");
            assertThat(answer).contains("\"status\":\"success\"").contains("\"instance\":\"" + endpoint.address() + "\"");
        }
    }

    @Test
    public void closeStopsTheProcessAndDeletesItsFiles() throws Exception {
        PrometheusAssumptions.assumePrometheusAvailable();
        PrometheusProcess prometheus = PrometheusProcess.start(List.of(), Duration.ofSeconds(1));
        Path workDir = prometheus.workDir();
        assertThat(workDir.resolve("prometheus.yml")).exists();
        assertThat(prometheus.isRunning()).isTrue();

        prometheus.close();

        assertThat(prometheus.isRunning()).isFalse();
        assertThat(workDir).doesNotExist();
    }

    @Test
    public void reportsWhichTargetsAreNotUpFromTheTargetsApi() {
        String json = "{\"status\":\"success\",\"data\":{\"activeTargets\":["
                + "{\"scrapeUrl\":\"http://127.0.0.1:1/metrics\",\"lastError\":\"\",\"health\":\"up\"},"
                + "{\"scrapeUrl\":\"http://127.0.0.1:2/metrics\",\"lastError\":\"connection refused\","
                + "\"health\":\"down\"}]}}";

        assertThat(PrometheusProcess.targetsNotUp(json, List.of("127.0.0.1:1"))).isEmpty();
        assertThat(PrometheusProcess.targetsNotUp(json, List.of("127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3")))
                .containsExactly("127.0.0.1:2 (down: connection refused)", "127.0.0.1:3 (not discovered)");
    }

    private static String awaitQuery(PrometheusProcess prometheus, String promql, String expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        String answer = prometheus.query(promql);
        while (!answer.contains(expected) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            answer = prometheus.query(promql);
        }
        assertThat(answer).as("answer to %s within %s", promql, AWAIT).contains(expected);
        return answer;
    }
}
