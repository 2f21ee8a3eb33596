package io.jenkins.plugins.mesh.simulator;

import static io.jenkins.plugins.mesh.simulator.TrafficModelTest.FAST;
import static io.jenkins.plugins.mesh.simulator.TrafficModelTest.T0;
import static io.jenkins.plugins.mesh.simulator.TrafficModelTest.V2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.mesh.testkit.MetricsEndpoint;
import io.jenkins.plugins.mesh.testkit.PrometheusAssumptions;
import io.jenkins.plugins.mesh.testkit.PrometheusProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** A real Prometheus scrapes the simulator's /metrics and reads the same numbers the model holds. */
public class PrometheusScrapeTest {

    @Test
    public void prometheusReadsTheModelsCountersAndQuantiles() throws Exception {
        PrometheusAssumptions.assumePrometheusAvailable();
        SimulationClock clock = SimulationClock.at(T0);
        TrafficModel model = TrafficModelTest.model(clock, InMemoryWeights.of(Map.of("v1", 80, "v2", 20)), 21,
                VersionBehaviour.of(0.05, FAST.times(2)));
        clock.advance(Duration.ofMinutes(5));
        model.tick();
        TrafficTotals canary = model.cumulative(V2);

        try (MetricsEndpoint endpoint = IstioMetrics.serve(List.of(model.metrics()));
                PrometheusProcess prometheus = PrometheusProcess.start(List.of(endpoint.address()),
                        Duration.ofSeconds(1))) {
            String selector = "{reporter=\"destination\",destination_version=\"v2\"}";
            assertThat(value(prometheus.query("sum(istio_requests_total" + selector + ")")))
                    .isEqualTo(canary.requests());
            assertThat(value(prometheus.query("sum(istio_requests_total{reporter=\"destination\","
                    + "destination_version=\"v2\",response_code=~\"5..\"})"))).isEqualTo(canary.errors());
            double p99 = value(prometheus.query("histogram_quantile(0.99, sum by (le) "
                    + "(istio_request_duration_milliseconds_bucket" + selector + "))"));
            assertThat(p99).isCloseTo(canary.latencyQuantile(0.99), within(1e-6));
        }
    }

    private static double value(String json) throws Exception {
        JsonNode result = new ObjectMapper().readTree(json).path("data").path("result");
        assertThat(result.size()).as(json).isEqualTo(1);
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }
}
