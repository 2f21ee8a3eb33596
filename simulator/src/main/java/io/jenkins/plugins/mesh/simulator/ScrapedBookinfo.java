package io.jenkins.plugins.mesh.simulator;

import io.jenkins.plugins.mesh.testkit.MetricsEndpoint;
import io.jenkins.plugins.mesh.testkit.PrometheusProcess;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The simulated bookinfo mesh in real time, scraped by a real Prometheus every second: the API server (with its
 * kubeconfig), traffic to {@code reviews} that follows the live weights of its VirtualService, the Istio metrics at
 * {@code /metrics}, and the Prometheus process ({@code prometheus} on {@code PATH}). What end-to-end tests, the
 * Jenkins plugin's tests and its screenshots run canaries against. Closing it stops all of them.
 */
public final class ScrapedBookinfo implements AutoCloseable {

    private static final Duration TRAFFIC_WAIT = Duration.ofSeconds(30);

    private final SimulatedCluster cluster;
    private final RealTimeTicker ticker;
    private final MetricsEndpoint endpoint;
    private final PrometheusProcess prometheus;

    private ScrapedBookinfo(SimulatedCluster cluster, RealTimeTicker ticker, MetricsEndpoint endpoint,
            PrometheusProcess prometheus) {
        this.cluster = cluster;
        this.ticker = ticker;
        this.endpoint = endpoint;
        this.prometheus = prometheus;
    }

    /**
     * Starts everything: v1 of {@code reviews} behaves as {@code stable}, v2 as {@code canary}.
     *
     * @param requestRate requests per second to the whole service; 0 for a service without traffic
     * @param seed the traffic's random seed
     */
    public static ScrapedBookinfo start(VersionBehaviour stable, VersionBehaviour canary, double requestRate,
            long seed) {
        SimulatedCluster cluster = SimulatedCluster.start();
        RealTimeTicker ticker = null;
        MetricsEndpoint endpoint = null;
        try {
            TrafficModel model = cluster.reviewsTraffic(stable, canary).requestRate(requestRate)
                    .clock(Clock.systemUTC()).seed(seed).build();
            ticker = RealTimeTicker.start(Duration.ofMillis(200), model);
            endpoint = IstioMetrics.serve(List.of(model.metrics()));
            PrometheusProcess prometheus = PrometheusProcess.start(List.of(endpoint.address()), Duration.ofSeconds(1));
            try {
                // a service without traffic has no series to wait for: wait for the scrapes themselves
                await(prometheus, requestRate > 0 ? "sum(irate(istio_requests_total[1m])) > 0"
                        : "count_over_time(up[1m]) >= 2", requestRate > 0 ? "traffic" : "two scrapes");
            } catch (RuntimeException e) {
                prometheus.close();
                throw e;
            }
            return new ScrapedBookinfo(cluster, ticker, endpoint, prometheus);
        } catch (RuntimeException e) {
            if (endpoint != null) {
                endpoint.close();
            }
            if (ticker != null) {
                ticker.close();
            }
            cluster.close();
            throw e;
        }
    }

    /**
     * Waits until Prometheus holds two scrapes of the service's traffic, as a live service's Prometheus does: a
     * rollout's pre-flight reads the stable's current rate from them. A mesh started with no traffic waits for two
     * scrapes of the endpoint instead, so that "no data" then means no traffic, not "not scraped yet".
     */
    private static void await(PrometheusProcess prometheus, String query, String what) {
        long deadline = System.nanoTime() + TRAFFIC_WAIT.toNanos();
        while (!prometheus.query(query).contains("\"result\":[{")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Prometheus at " + prometheus.baseUrl() + " saw no " + what
                        + " within " + TRAFFIC_WAIT.toSeconds() + " s of scraping the mesh");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Prometheus' first scrapes", e);
            }
        }
    }

    public SimulatedCluster cluster() {
        return cluster;
    }

    /** The Prometheus that scrapes the mesh, e.g. {@code http://127.0.0.1:40123}. */
    public URI prometheusUrl() {
        return prometheus.baseUrl();
    }

    @Override
    public void close() {
        prometheus.close();
        endpoint.close();
        ticker.close();
        cluster.close();
    }
}
