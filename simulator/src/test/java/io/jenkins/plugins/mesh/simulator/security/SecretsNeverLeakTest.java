package io.jenkins.plugins.mesh.simulator.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.mesh.engine.analysis.MetricException;
import io.jenkins.plugins.mesh.engine.analysis.PrometheusConnection;
import io.jenkins.plugins.mesh.engine.analysis.PrometheusCredentials;
import io.jenkins.plugins.mesh.engine.analysis.PrometheusMetricProvider;
import io.jenkins.plugins.mesh.engine.kube.ClusterClientFactory;
import io.jenkins.plugins.mesh.engine.kube.ClusterConnection;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRequest;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRollout;
import io.jenkins.plugins.mesh.engine.rollout.Outcome;
import io.jenkins.plugins.mesh.engine.rollout.RolloutListener;
import io.jenkins.plugins.mesh.engine.rollout.RolloutReport;
import io.jenkins.plugins.mesh.engine.rollout.RolloutState;
import io.jenkins.plugins.mesh.engine.rollout.RolloutStateJson;
import io.jenkins.plugins.mesh.engine.rollout.TimelineEvent;
import io.jenkins.plugins.mesh.engine.traffic.Holder;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import io.jenkins.plugins.mesh.simulator.LatencyDistribution;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import io.jenkins.plugins.mesh.simulator.SimulatedObserver;
import io.jenkins.plugins.mesh.simulator.SimulatedRolloutRunner;
import io.jenkins.plugins.mesh.simulator.SimulationClock;
import io.jenkins.plugins.mesh.simulator.TrafficModel;
import io.jenkins.plugins.mesh.simulator.VersionBehaviour;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Secrets (cluster token, kubeconfig content, Prometheus bearer token and password) never show in what Mesh Pipeline
 * prints, persists or writes to the cluster: the test runs the engine with recognisable fake secrets and scans every
 * string it can get hold of: state and report JSON, timeline events, exception messages (with their causes),
 * toString of connections, the Kubernetes Events and Leases written, and everything printed to stdout and stderr.
 */
public class SecretsNeverLeakTest {

    private static final String TOKEN = "SECRET-TOKEN-4b1d";
    private static final String PROM_TOKEN = "SECRET-PROM-TOKEN-77aa";
    private static final String PROM_PASSWORD = "SECRET-PROM-PASSWORD-c3d9";
    private static final List<String> SECRETS = List.of(TOKEN, PROM_TOKEN, PROM_PASSWORD,
            Base64.getEncoder().encodeToString(("mesh:" + PROM_PASSWORD).getBytes(StandardCharsets.UTF_8)));

    private final List<String> seen = new ArrayList<>();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private PrintStream realOut;
    private PrintStream realErr;

    @Before
    public void capturePrinting() {
        realOut = System.out;
        realErr = System.err;
        System.setOut(new PrintStream(new Tee(printed, realOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(printed, realErr), true, StandardCharsets.UTF_8));
    }

    @After
    public void scanEverything() {
        System.setOut(realOut);
        System.setErr(realErr);
        seen.add(printed.toString(StandardCharsets.UTF_8));
        assertThat(seen).isNotEmpty();
        for (String text : seen) {
            for (String secret : SECRETS) {
                assertThat(text).as("output scanned for secrets").doesNotContain(secret);
            }
        }
    }

    @Test
    public void aWholeRolloutWithATokenConnectionLeavesNoSecretBehind() {
        try (SimulatedCluster cluster = SimulatedCluster.start();
                KubernetesClient client = new ClusterClientFactory().connect(
                        ClusterConnection.token(cluster.url(), TOKEN, null, false).withNamespace("bookinfo"))) {
            SimulationClock clock = SimulationClock.at(Instant.parse("2026-03-01T09:00:00Z"));
            TrafficModel model = cluster.reviewsTraffic(VersionBehaviour.of(0.001, LatencyDistribution.of(20, 120)),
                    VersionBehaviour.of(0.3, LatencyDistribution.of(20, 120))).clock(clock).seed(3).build();
            TrafficController traffic = new TrafficController(client, clock, TrafficSettings.defaults());
            CanaryRequest request = CanaryRequest.of(RouteKind.VIRTUAL_SERVICE, "bookinfo", "reviews", "v1", "v2",
                    List.of(10, 50)).withInterval(Duration.ofSeconds(30));
            RolloutStateJson json = new RolloutStateJson();
            seen.add(json.write(request));
            CanaryRollout rollout = CanaryRollout.prepare(request, traffic, Holder.localUser("alice", "laptop"),
                    new SimulatedObserver(model), null);
            RolloutListener listener = new RolloutListener() {
                @Override
                public void onState(RolloutState state) {
                    seen.add(json.write(state));
                }

                @Override
                public void onEvent(TimelineEvent event) {
                    seen.add(event.toString());
                }
            };
            RolloutState end = new SimulatedRolloutRunner(clock, List.of(model))
                    .run(rollout.driver(clock, listener), rollout.start(clock.instant()));
            assertThat(end.outcome()).isEqualTo(Outcome.ROLLED_BACK);
            seen.add(json.write(RolloutReport.of(end, clock.instant())));
            seen.add(rollout.describe());
            seen.add(Serialization.asJson(cluster.client().v1().events().inNamespace("bookinfo").list()));
            assertThat(seen.get(seen.size() - 1)).contains("MeshRouteRestored");
            // The lease is released after a restore: hold one to scan its annotations too.
            var target = traffic.resolve(RouteKind.VIRTUAL_SERVICE, "bookinfo", "reviews", null, "v1", "v2");
            traffic.begin(target, Holder.localUser("alice", "laptop"), false);
            traffic.setWeight(target, Holder.localUser("alice", "laptop"), 20);
            seen.add(Serialization.asJson(cluster.client().leases().inNamespace("bookinfo").list()));
            assertThat(seen.get(seen.size() - 1)).contains("mesh.jenkins.io/snapshot");
            seen.add(traffic.status("bookinfo").toString());
        }
    }

    @Test
    public void connectionsAndTheirFailuresNeverShowTheToken() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;
        ClusterConnection byToken = ClusterConnection.token(url, TOKEN, null, false)
                .withRequestTimeout(Duration.ofMillis(500));
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "%s"}}]
                users: [{name: u, user: {token: %s}}]
                contexts: [{name: x, context: {cluster: c, user: u, namespace: shop}}]
                current-context: x
                """.formatted(url, TOKEN);
        ClusterConnection byKubeconfig = ClusterConnection.kubeconfig(kubeconfig, null)
                .withRequestTimeout(Duration.ofMillis(500));
        ClusterConnection broken = ClusterConnection.kubeconfig("users: [{name: u, user: {token: " + TOKEN
                + "}}\nclusters: {{{ not yaml", null);
        // The YAML error is on the token's line: a parser message would quote it.
        ClusterConnection brokenAtToken = ClusterConnection.kubeconfig("users:\n- name: u\n  user:\n    token: "
                + TOKEN + ": [\n", null);
        for (ClusterConnection connection : List.of(byToken, byKubeconfig, broken, brokenAtToken)) {
            seen.add(connection.toString());
            Throwable failure = catchThrowable(() -> {
                try (KubernetesClient client = new ClusterClientFactory().connect(connection)) {
                    new TrafficController(client, java.time.Clock.systemUTC(), new TrafficSettings(
                            Duration.ofMinutes(5), io.jenkins.plugins.mesh.engine.kube.Backoff.DEFAULT, d -> {
                            }, new java.util.Random(), 5))
                            .resolve(RouteKind.VIRTUAL_SERVICE, "shop", "reviews", null, "v1", "v2");
                }
            });
            assertThat(failure).as(connection.toString()).isNotNull();
            addChain(failure);
        }
    }

    @Test
    public void prometheusCredentialsStayHiddenEvenWhenTheServerEchoesThem() throws Exception {
        HttpServer echo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        // A misbehaving server (or a debugging proxy in front of it) that quotes the request headers in its errors.
        echo.createContext("/", exchange -> {
            String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            String path = exchange.getRequestURI().getPath();
            int code = path.startsWith("/bad") ? 400 : path.startsWith("/denied") ? 401 : 500;
            String body = code == 400
                    ? "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"cannot parse; you sent " + auth + "\"}"
                    : "upstream failed for request with Authorization: " + auth;
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        echo.start();
        try {
            String base = "http://127.0.0.1:" + echo.getAddress().getPort();
            List<PrometheusCredentials> credentials = List.of(new PrometheusCredentials.BearerToken(PROM_TOKEN),
                    new PrometheusCredentials.BasicAuth("mesh", PROM_PASSWORD));
            for (PrometheusCredentials credential : credentials) {
                for (String path : List.of("/fail", "/bad", "/denied")) {
                    PrometheusConnection connection = PrometheusConnection.of(base + path).withCredentials(credential);
                    PrometheusMetricProvider provider = new PrometheusMetricProvider(connection);
                    seen.add(connection.toString());
                    seen.add(provider.toString());
                    seen.add(provider.describe());
                    Throwable failure = catchThrowable(() -> provider.query("up", Instant.now()));
                    assertThat(failure).isInstanceOf(MetricException.class);
                    addChain(failure);
                }
            }
        } finally {
            echo.stop(0);
        }
    }

    private void addChain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            seen.add(t.toString());
            for (Throwable suppressed : t.getSuppressed()) {
                seen.add(suppressed.toString());
            }
        }
    }

    /** Writes to the captured buffer and to the real stream. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
