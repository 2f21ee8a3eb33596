package io.jenkins.plugins.mesh.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The query shapes, and how answers without data turn into "no traffic" rather than errors. */
public class PrometheusMeshObserverTest {

    private final Map<String, QueryResult> answers = new HashMap<>();
    private final List<String> asked = new ArrayList<>();
    private final MetricProvider provider = new MetricProvider() {
        @Override
        public QueryResult query(String query, Instant at) {
            asked.add(query);
            return answers.getOrDefault(query, QueryResult.EMPTY);
        }

        @Override
        public String describe() {
            return "Prometheus at http://prom:9090";
        }
    };

    private static final Duration MINUTE = Duration.ofSeconds(60);

    @Test
    public void selectsAVersionByReporterNamespaceServiceAndVersionLabel() {
        PrometheusMeshObserver sidecars = new PrometheusMeshObserver(provider);
        VersionSelector canary = VersionSelector.subset("shop", "reviews", "v2");
        assertThat(sidecars.describeRequests(canary, MINUTE)).isEqualTo("sum(increase(istio_requests_total{"
                + "reporter=\"destination\",destination_workload_namespace=\"shop\",destination_service_name="
                + "\"reviews\",destination_version=\"v2\"}[60s]))");
        assertThat(sidecars.describeErrors(canary, MINUTE)).endsWith("destination_version=\"v2\","
                + "response_code=~\"5.*\"}[60s]))");
        assertThat(sidecars.describeLatency(canary, 0.99, Duration.ofMillis(1500))).isEqualTo("histogram_quantile("
                + "0.99, sum(rate(istio_request_duration_milliseconds_bucket{reporter=\"destination\","
                + "destination_workload_namespace=\"shop\",destination_service_name=\"reviews\","
                + "destination_version=\"v2\"}[1500ms])) by (le))");

        PrometheusMeshObserver ambient = new PrometheusMeshObserver(provider, Reporter.parse("Waypoint"));
        assertThat(ambient.matchers(VersionSelector.host("shop", "reviews-canary"))).isEqualTo("reporter="
                + "\"waypoint\",destination_workload_namespace=\"shop\",destination_service_name=\"reviews-canary\"");
        assertThat(ambient.matchers(new VersionSelector("shop", "reviews", VersionLabel.DESTINATION_WORKLOAD,
                "reviews-v2"))).endsWith(",destination_service_name=\"reviews\",destination_workload=\"reviews-v2\"");
        assertThatThrownBy(() -> Reporter.parse("client")).hasMessageContaining("destination, source, waypoint");
        assertThat(VersionLabel.parse("destination_canonical_revision"))
                .isEqualTo(VersionLabel.DESTINATION_CANONICAL_REVISION);
        assertThat(VersionLabel.parse("DESTINATION_WORKLOAD")).isEqualTo(VersionLabel.DESTINATION_WORKLOAD);
        assertThatThrownBy(() -> VersionLabel.parse("version")).hasMessageContaining("destination_version");
    }

    @Test
    public void noSeriesOrNanIsNoTrafficAndNoErrorSeriesIsZeroErrors() throws Exception {
        PrometheusMeshObserver observer = new PrometheusMeshObserver(provider);
        VersionSelector canary = VersionSelector.subset("shop", "reviews", "v2");
        assertThat(observer.requests(canary, MINUTE, Instant.EPOCH)).isEqualTo(RequestCounts.NONE);
        assertThat(asked).hasSize(1);

        answers.put(observer.describeRequests(canary, MINUTE), QueryResult.scalar(Double.NaN));
        assertThat(observer.requests(canary, MINUTE, Instant.EPOCH)).isEqualTo(RequestCounts.NONE);

        answers.put(observer.describeRequests(canary, MINUTE), QueryResult.scalar(120.5));
        assertThat(observer.requests(canary, MINUTE, Instant.EPOCH)).isEqualTo(new RequestCounts(120.5, 0));

        // Separate extrapolation may put errors a hair above the total: never more than all requests.
        answers.put(observer.describeErrors(canary, MINUTE), QueryResult.scalar(120.50001));
        assertThat(observer.requests(canary, MINUTE, Instant.EPOCH)).isEqualTo(new RequestCounts(120.5, 120.5));

        answers.put(observer.describeRequests(canary, MINUTE), QueryResult.scalar(Double.POSITIVE_INFINITY));
        assertThatThrownBy(() -> observer.requests(canary, MINUTE, Instant.EPOCH))
                .isInstanceOf(MetricException.class).hasMessageContaining("must be a finite number");
    }

    @Test
    public void latencyThatIsNotAFiniteNumberIsEmpty() throws Exception {
        PrometheusMeshObserver observer = new PrometheusMeshObserver(provider);
        VersionSelector canary = VersionSelector.subset("shop", "reviews", "v2");
        String query = observer.describeLatency(canary, 0.5, MINUTE);
        assertThat(observer.latencyMillis(canary, 0.5, MINUTE, Instant.EPOCH)).isEmpty();
        answers.put(query, QueryResult.scalar(Double.NaN));
        assertThat(observer.latencyMillis(canary, 0.5, MINUTE, Instant.EPOCH)).isEmpty();
        answers.put(query, QueryResult.scalar(Double.POSITIVE_INFINITY));
        assertThat(observer.latencyMillis(canary, 0.5, MINUTE, Instant.EPOCH)).isEmpty();
        answers.put(query, QueryResult.scalar(42));
        assertThat(observer.latencyMillis(canary, 0.5, MINUTE, Instant.EPOCH)).hasValue(42);
        assertThatThrownBy(() -> observer.describeLatency(canary, 1, MINUTE)).hasMessageContaining("between 0 and 1");
    }

    @Test
    public void theCurrentRateReadsTheLastTwoScrapesWithinFiveMinutesSoSparseScrapesStillCount() throws Exception {
        PrometheusMeshObserver observer = new PrometheusMeshObserver(provider);
        VersionSelector stable = VersionSelector.subset("shop", "reviews", "v1");
        String query = "sum(irate(istio_requests_total{reporter=\"destination\",destination_workload_namespace="
                + "\"shop\",destination_service_name=\"reviews\",destination_version=\"v1\"}[300s]))";

        assertThat(observer.requestRate(stable, MINUTE, Instant.EPOCH)).as("no series: no traffic").isZero();
        assertThat(asked).containsExactly(query);
        answers.put(query, QueryResult.scalar(42.5));
        assertThat(observer.requestRate(stable, MINUTE, Instant.EPOCH)).isEqualTo(42.5);
        assertThat(observer.requestRate(stable, Duration.ofMinutes(10), Instant.EPOCH)).as("a longer window is kept")
                .isZero();
        assertThat(asked.get(asked.size() - 1)).endsWith("[600s]))");
    }
}
