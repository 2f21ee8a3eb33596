package io.jenkins.plugins.mesh.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.mesh.testkit.MetricsEndpoint;
import io.jenkins.plugins.mesh.testkit.PrometheusAssumptions;
import io.jenkins.plugins.mesh.testkit.PrometheusProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The observer, the checks and the provider against a real Prometheus that scrapes Istio-shaped metrics every
 * second: stable v1 (1 % errors, fast), canary v2 (10 % errors, slow), v3 as healthy as v1, v4 without latency
 * histogram, v9 without traffic. Every scrape adds 500 requests per version.
 */
public class PrometheusMeshObserverIntegrationTest {

    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration AWAIT = Duration.ofSeconds(30);
    private static final VersionSelector V1 = VersionSelector.subset("shop", "reviews", "v1");
    private static final VersionSelector V2 = VersionSelector.subset("shop", "reviews", "v2");
    private static final VersionSelector V3 = VersionSelector.subset("shop", "reviews", "v3");
    private static final VersionSelector V4 = VersionSelector.subset("shop", "reviews", "v4");
    private static final VersionSelector V9 = VersionSelector.subset("shop", "reviews", "v9");

    private static MetricsEndpoint endpoint;
    private static PrometheusProcess prometheus;
    private static MetricProvider provider;
    private static PrometheusMeshObserver observer;

    @BeforeClass
    public static void startPrometheus() throws Exception {
        PrometheusAssumptions.assumePrometheusAvailable();
        IstioTraffic traffic = new IstioTraffic("shop", "reviews")
                .version("v1", 500, 5, 25)
                .version("v2", 500, 50, 250)
                .version("v3", 500, 5, 25)
                .version("v4", 500, 0, 0);
        endpoint = MetricsEndpoint.start(traffic::scrape);
        prometheus = PrometheusProcess.start(List.of(endpoint.address()), Duration.ofSeconds(1));
        provider = new PrometheusMetricProvider(PrometheusConnection.of(prometheus.baseUrl().toString()));
        observer = new PrometheusMeshObserver(provider);
        awaitRequests(V1, 1500);
        awaitRequests(V2, 1500);
        awaitRequests(V3, 1500);
    }

    @AfterClass
    public static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    /** Waits, bounded, until Prometheus holds enough samples for the window to cover {@code total} requests. */
    private static void awaitRequests(VersionSelector version, double total) throws Exception {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        RequestCounts counts = observer.requests(version, WINDOW, Instant.now());
        while (counts.total() < total && System.nanoTime() < deadline) {
            Thread.sleep(200);
            counts = observer.requests(version, WINDOW, Instant.now());
        }
        assertThat(counts.total()).as("requests of %s within %s", version, AWAIT).isGreaterThanOrEqualTo(total);
    }

    @Test
    public void aRealPrometheusTellsItsVersion() throws Exception {
        assertThat(new PrometheusMetricProvider(PrometheusConnection.of(prometheus.baseUrl().toString()))
                .serverVersion()).startsWith("2.");
    }

    @Test
    public void countsRequestsAndErrorsPerVersionFromTheDestinationReporter() throws Exception {
        Instant now = Instant.now();
        RequestCounts stable = observer.requests(V1, WINDOW, now);
        RequestCounts canary = observer.requests(V2, WINDOW, now);
        assertThat(stable.errors() / stable.total()).isCloseTo(0.01, within(1e-9));
        assertThat(canary.errors() / canary.total()).isCloseTo(0.10, within(1e-9));
        // Around 500 requests per one-second scrape over ten seconds, never the source reporter's doubled counts.
        assertThat(stable.total()).isBetween(1500.0, 6000.0);
        assertThat(observer.requests(V4, WINDOW, now).errors()).isZero();
        assertThat(observer.requests(V9, WINDOW, now)).isEqualTo(RequestCounts.NONE);

        PrometheusMeshObserver sources = new PrometheusMeshObserver(provider, Reporter.SOURCE);
        RequestCounts fromSources = sources.requests(V1, WINDOW, now);
        assertThat(fromSources.total()).isCloseTo(2 * stable.total(), within(1e-6 * stable.total()));
    }

    @Test
    public void readsLatencyPercentilesFromTheHistogram() throws Exception {
        Instant now = Instant.now();
        // Every request of v1 lies in (10, 25] ms and of v2 in (100, 250] ms; Prometheus interpolates linearly.
        assertThat(observer.latencyMillis(V1, 0.99, WINDOW, now)).hasValueCloseTo(24.85, within(1e-6));
        assertThat(observer.latencyMillis(V1, 0.5, WINDOW, now)).hasValueCloseTo(17.5, within(1e-6));
        assertThat(observer.latencyMillis(V2, 0.99, WINDOW, now)).hasValueCloseTo(248.5, within(1e-6));
        // No histogram: histogram_quantile has nothing; no traffic: nothing either.
        assertThat(observer.latencyMillis(V4, 0.99, WINDOW, now)).isEmpty();
        assertThat(observer.latencyMillis(V9, 0.99, WINDOW, now)).isEmpty();
    }

    @Test
    public void judgesAFaultyCanaryAgainstThresholdsAndTheStable() {
        HealthAnalysis analysis = HealthAnalysis.of(List.of("success-rate>=95", "latency-p99<=500",
                "latency-p99<=200", "request-rate>=1", "error-rate-vs-stable", "latency-p90-vs-stable<=1.5x",
                "query:canary-rps:1..1000:sum(rate(istio_requests_total{reporter=\"destination\","
                        + "destination_workload_namespace=\"{{namespace}}\",{{version_label}}=\"{{canary}}\"}"
                        + "[{{window}}]))"), WINDOW, 100);
        StepResult result = analysis.evaluate(observer, provider, V1, V2, Instant.now());

        assertThat(result.checks()).extracting(CheckRecord::verdict).as(result.summary()).containsExactly(
                Verdict.FAIL, Verdict.PASS, Verdict.FAIL, Verdict.PASS, Verdict.FAIL, Verdict.FAIL, Verdict.PASS);
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        CheckRecord successRate = result.checks().get(0);
        assertThat(successRate.reason()).startsWith("success rate 90 % (");
        assertThat(successRate.measurements().get(0).query()).isEqualTo("sum(increase(istio_requests_total{"
                + "reporter=\"destination\",destination_workload_namespace=\"shop\",destination_service_name="
                + "\"reviews\",destination_version=\"v2\"}[10s]))");
        CheckRecord custom = result.checks().get(6);
        assertThat(custom.measurements().get(0).query()).contains("destination_version=\"v2\"}[10s]");
        assertThat(custom.measurements().get(0).value()).isBetween(150.0, 600.0);
    }

    @Test
    public void passesAHealthyCanaryAndHoldsWhereThereIsNoData() {
        HealthAnalysis analysis = HealthAnalysis.of(List.of("success-rate>=95", "latency-p99<=500",
                "error-rate-vs-stable", "latency-p90-vs-stable<=1.5x"), WINDOW, 100);
        StepResult healthy = analysis.evaluate(observer, provider, V1, V3, Instant.now());
        assertThat(healthy.verdict()).as(healthy.summary()).isEqualTo(Verdict.PASS);

        StepResult noLatency = analysis.evaluate(observer, provider, V1, V4, Instant.now());
        assertThat(noLatency.checks()).extracting(CheckRecord::verdict).as(noLatency.summary())
                .containsExactly(Verdict.PASS, Verdict.INCONCLUSIVE, Verdict.PASS, Verdict.INCONCLUSIVE);
        assertThat(noLatency.verdict()).isEqualTo(Verdict.INCONCLUSIVE);

        StepResult noTraffic = analysis.evaluate(observer, provider, V1, V9, Instant.now());
        assertThat(noTraffic.checks()).extracting(CheckRecord::verdict).containsOnly(Verdict.INCONCLUSIVE);
    }

    @Test
    public void theProviderReadsNanAndInfinitiesAsPrometheusComputesThem() throws Exception {
        assertThat(provider.query("0/0", Instant.now()).single().getAsDouble()).isNaN();
        assertThat(provider.query("vector(1)/0", Instant.now()).single()).hasValue(Double.POSITIVE_INFINITY);
        assertThat(provider.query("istio_requests_total{destination_version=\"nope\"}", Instant.now()).isEmpty())
                .isTrue();
    }

    @Test
    public void aBadCustomQueryIsInconclusiveWithPrometheusOwnError() {
        StepResult result = HealthAnalysis.of(List.of("query:broken:..1:sum(rate(istio_requests_total[{{window}}])"),
                WINDOW, 100).evaluate(observer, provider, V1, V2, Instant.now());
        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.checks().get(0).error()).startsWith("Prometheus at " + prometheus.baseUrl()
                + " rejected the query sum(rate(istio_requests_total[10s]): bad_data: ").contains("parse error");
    }
}
