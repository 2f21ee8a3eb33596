package io.jenkins.plugins.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.Test;

/** {@code mesh analyze} refusals that need no Prometheus: bad options and a metric server that is not there. */
public class AnalyzeCommandTest {

    @Test
    public void badOptionsAreUsageErrorsNamingTheFix() {
        assertThat(CliRun.of("analyze", "-n", "bookinfo", "--service", "reviews", "--stable", "v1", "--canary", "v2"))
                .satisfies(run -> {
                    assertThat(run.exitCode()).isEqualTo(2);
                    assertThat(run.err()).contains("mesh analyze needs --prometheus URL");
                });
        CliRun badFailOn = CliRun.of("analyze", "-n", "bookinfo", "--service", "reviews", "--stable", "v1",
                "--canary", "v2", "--prometheus", "http://127.0.0.1:9", "--fail-on", "sometimes");
        assertThat(badFailOn.exitCode()).isEqualTo(2);
        assertThat(badFailOn.err()).contains("fail-on 'sometimes' is not one of fail", "never (report only)");
        CliRun routeWithoutObject = CliRun.of("analyze", "-n", "bookinfo", "--route", "primary", "--stable",
                "reviews-stable", "--canary", "reviews-canary", "--prometheus", "http://127.0.0.1:9");
        assertThat(routeWithoutObject.exitCode()).isEqualTo(2);
        assertThat(routeWithoutObject.err()).contains("needs the VirtualService or HTTPRoute that holds it");
        CliRun badCheck = CliRun.of("analyze", "-n", "bookinfo", "--service", "reviews", "--stable", "v1",
                "--canary", "v2", "--prometheus", "http://127.0.0.1:9", "--check", "fast-enough");
        assertThat(badCheck.exitCode()).isEqualTo(2);
        assertThat(badCheck.err()).contains("'fast-enough' is not a check");
        CliRun badTime = CliRun.of("analyze", "-n", "bookinfo", "--service", "reviews", "--stable", "v1",
                "--canary", "v2", "--prometheus", "http://127.0.0.1:9", "--at", "yesterday");
        assertThat(badTime.exitCode()).isEqualTo(2);
        assertThat(badTime.err()).contains("--at 'yesterday' is not an ISO-8601 time");
    }

    @Test
    public void anUnreachableMetricServerRunsNoCheck() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        CliRun run = CliRun.of("analyze", "-n", "bookinfo", "--service", "reviews", "--stable", "v1", "--canary",
                "v2", "--prometheus", "http://127.0.0.1:" + port, "--prometheus-timeout", "2s");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("127.0.0.1:" + port).contains("no check was run");
        assertThat(run.out()).isEmpty();
    }

    @Test
    public void theHelpListsTheExitCodes() {
        CliRun run = CliRun.of("analyze", "--help");
        assertThat(run.out()).contains("--fail-on", "--window", "--service", "4  the analysis was inconclusive");
    }
}
