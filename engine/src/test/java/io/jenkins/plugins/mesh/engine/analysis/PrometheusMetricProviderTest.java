package io.jenkins.plugins.mesh.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.After;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The provider against an HTTP server on loopback that answers like Prometheus and records what it was sent. */
public class PrometheusMetricProviderTest {

    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    private static final Instant AT = Instant.parse("2026-11-26T12:00:00.250Z");

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private volatile int status = 200;
    private volatile String body = "";
    private volatile boolean hang;
    private volatile Map<String, String> received = Map.of();

    @After
    public void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
        executor.shutdownNow();
    }

    private URI serve(HttpServer httpServer) {
        server = httpServer;
        server.setExecutor(executor);
        server.createContext("/", this::answer);
        server.start();
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/prom");
    }

    private URI serveHttp() throws IOException {
        return serve(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> request = new HashMap<>();
            request.put("method", exchange.getRequestMethod());
            request.put("path", exchange.getRequestURI().getPath());
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            request.put("authorization", auth == null ? "" : auth);
            request.put("content-type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            try (InputStream in = exchange.getRequestBody()) {
                for (String pair : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                    String[] kv = pair.split("=", 2);
                    request.put("form." + kv[0], kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
                }
            }
            received = request;
            if (hang) {
                release.await(10, TimeUnit.SECONDS);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void respond(int code, String json) {
        status = code;
        body = json;
    }

    @Test
    public void postsAnInstantQueryAndReadsVectorsWithNanAndInfinities() throws Exception {
        URI url = serveHttp();
        respond(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"destination_version\":\"v1\"},\"value\":[1795694400.25,\"12.5\"]},"
                + "{\"metric\":{\"destination_version\":\"v2\"},\"value\":[1795694400.25,\"NaN\"]},"
                + "{\"metric\":{\"le\":\"+Inf\"},\"value\":[1795694400.25,\"+Inf\"]}]}}");
        PrometheusMetricProvider provider = new PrometheusMetricProvider(PrometheusConnection.of(url.toString()));

        QueryResult result = provider.query("sum(rate(x[1m])) by (destination_version)", AT);

        assertThat(received).containsEntry("method", "POST").containsEntry("path", "/prom/api/v1/query")
                .containsEntry("content-type", "application/x-www-form-urlencoded")
                .containsEntry("form.query", "sum(rate(x[1m])) by (destination_version)")
                .containsEntry("form.time", "1795694400.250").containsEntry("form.timeout", "10000ms")
                .containsEntry("authorization", "");
        assertThat(result.samples()).hasSize(3);
        assertThat(result.samples().get(0).labels()).containsEntry("destination_version", "v1");
        assertThat(result.samples().get(0).value()).isEqualTo(12.5);
        assertThat(result.samples().get(1).value()).isNaN();
        assertThat(result.samples().get(2).value()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    public void serverVersionIsTheConnectionTest() throws Exception {
        URI url = serveHttp();
        PrometheusConnection connection = PrometheusConnection.of(url.toString())
                .withCredentials(new PrometheusCredentials.BearerToken("s3cr3t-token"));
        PrometheusMetricProvider provider = new PrometheusMetricProvider(connection);
        respond(200, "{\"status\":\"success\",\"data\":{\"version\":\"2.42.0\",\"revision\":\"x\"}}");
        assertThat(provider.serverVersion()).isEqualTo("2.42.0");
        assertThat(received).containsEntry("method", "GET").containsEntry("path", "/prom/api/v1/status/buildinfo")
                .containsEntry("authorization", "Bearer s3cr3t-token");
        respond(401, "");
        assertThatThrownBy(provider::serverVersion).isInstanceOf(MetricException.class)
                .hasMessageContaining("refused the credentials (HTTP 401)").hasMessageNotContaining("s3cr3t");
        respond(404, "not here");
        assertThatThrownBy(provider::serverVersion).hasMessageContaining("HTTP 404 at /prom/api/v1/status/buildinfo");
    }

    @Test
    public void readsScalarsAndEmptyVectors() throws Exception {
        URI url = serveHttp();
        PrometheusMetricProvider provider = new PrometheusMetricProvider(PrometheusConnection.of(url + "/"));
        respond(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1795694400,\"-Inf\"]}}");
        assertThat(provider.query("-1/0", AT).single()).hasValue(Double.NEGATIVE_INFINITY);
        assertThat(received).containsEntry("path", "/prom/api/v1/query");
        respond(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
        assertThat(provider.query("absent_metric", AT).isEmpty()).isTrue();
    }

    @Test
    public void sendsBearerTokenOrBasicAuthAndNeverShowsThem() throws Exception {
        URI url = serveHttp();
        respond(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
        PrometheusConnection bearer = PrometheusConnection.of(url.toString())
                .withCredentials(new PrometheusCredentials.BearerToken("s3cr3t-token"));
        new PrometheusMetricProvider(bearer).query("up", AT);
        assertThat(received).containsEntry("authorization", "Bearer s3cr3t-token");
        assertThat(bearer.toString()).doesNotContain("s3cr3t").contains("bearer token (hidden)");

        PrometheusConnection basic = PrometheusConnection.of(url.toString())
                .withCredentials(new PrometheusCredentials.BasicAuth("jenkins", "pa55word"));
        PrometheusMetricProvider provider = new PrometheusMetricProvider(basic);
        provider.query("up", AT);
        assertThat(received).containsEntry("authorization", "Basic amVua2luczpwYTU1d29yZA==");
        assertThat(basic.toString() + provider + basic.credentials()).doesNotContain("pa55word");

        respond(401, "Unauthorized");
        assertThatThrownBy(() -> provider.query("up", AT)).isInstanceOf(MetricException.class)
                .hasMessage("Prometheus at " + url + " refused the credentials (HTTP 401); check the token or user "
                        + "name and password, and that they may read metrics")
                .hasMessageNotContaining("pa55word");
    }

    @Test
    public void surfacesPrometheusOwnErrorText() throws Exception {
        URI url = serveHttp();
        PrometheusMetricProvider provider = new PrometheusMetricProvider(PrometheusConnection.of(url.toString()));
        respond(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": "
                + "1:5: parse error: unexpected right parenthesis ')'\"}");
        assertThatThrownBy(() -> provider.query("sum())", AT)).isInstanceOf(MetricException.class)
                .hasMessage("Prometheus at " + url + " rejected the query sum()): bad_data: invalid parameter "
                        + "\"query\": 1:5: parse error: unexpected right parenthesis ')'");
        respond(422, "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"query timed out\"}");
        assertThatThrownBy(() -> provider.query("up", AT)).hasMessageEndingWith("execution: query timed out");
        respond(404, "404 page not found");
        assertThatThrownBy(() -> provider.query("up", AT)).hasMessageContaining("has no query API at "
                + "/prom/api/v1/query (HTTP 404)");
        respond(502, "<html>Bad Gateway</html>");
        assertThatThrownBy(() -> provider.query("up", AT)).hasMessageEndingWith("answered HTTP 502: <html>Bad "
                + "Gateway</html>");
        respond(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");
        assertThatThrownBy(() -> provider.query("up[5m]", AT)).hasMessageContaining("returned a range vector");
        respond(200, "<html>login</html>");
        assertThatThrownBy(() -> provider.query("up", AT)).hasMessageContaining("not a Prometheus query result");
    }

    @Test
    public void aServerThatDoesNotAnswerTimesOut() throws Exception {
        URI url = serveHttp();
        hang = true;
        PrometheusMetricProvider provider = new PrometheusMetricProvider(PrometheusConnection.of(url.toString())
                .withTimeout(Duration.ofMillis(300)));
        assertThatThrownBy(() -> provider.query("up", AT)).isInstanceOf(MetricException.class)
                .hasMessage("Prometheus at " + url + " did not answer within 300 ms; raise the timeout or simplify "
                        + "the query");
    }

    @Test
    public void anUnreachableServerSaysSo() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        PrometheusMetricProvider provider = new PrometheusMetricProvider(
                PrometheusConnection.of("http://127.0.0.1:" + closedPort));
        assertThatThrownBy(() -> provider.query("up", AT)).isInstanceOf(MetricException.class)
                .hasMessage("Prometheus at http://127.0.0.1:" + closedPort + " is unreachable (connection refused "
                        + "or no route); check the URL and that the server is running");
    }

    @Test
    public void trustsACustomCaForHttpsAndExplainsAnUntrustedOne() throws Exception {
        File dir = TMP.newFolder();
        File keystore = new File(dir, "server.p12");
        keytool("-genkeypair", "-alias", "prom", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2", "-keystore", keystore.getPath(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        File pem = new File(dir, "ca.pem");
        keytool("-exportcert", "-rfc", "-alias", "prom", "-keystore", keystore.getPath(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-file", pem.getPath());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        URI url = serve(https);
        respond(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"1\"]}}");

        PrometheusConnection trusting = PrometheusConnection.of(url.toString())
                .withCaCertificates(Files.readString(pem.toPath()));
        assertThat(new PrometheusMetricProvider(trusting).query("1", AT).single()).hasValue(1);
        assertThat(trusting.toString()).contains("custom CA");

        PrometheusMetricProvider untrusting = new PrometheusMetricProvider(PrometheusConnection.of(url.toString()));
        assertThatThrownBy(() -> untrusting.query("1", AT)).isInstanceOf(MetricException.class)
                .hasMessageStartingWith("TLS with Prometheus at " + url + " failed: ")
                .hasMessageEndingWith("if the server uses a private CA, set the CA certificate");

        assertThatThrownBy(() -> new PrometheusMetricProvider(trusting.withCaCertificates("/etc/ssl/ca.pem")))
                .hasMessageContaining("holds no PEM certificate");
    }

    @Test
    public void connectionSettingsAreCheckedAndKeepSecretsOutOfMessages() {
        assertThatThrownBy(() -> PrometheusConnection.of("ftp://prom:9090")).hasMessageContaining("http://");
        assertThatThrownBy(() -> PrometheusConnection.of("http://admin:hunter2@prom:9090"))
                .hasMessageContaining("holds a user name or password").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> PrometheusConnection.of("http://prom:9090/?x=1")).hasMessageContaining("query");
        assertThatThrownBy(() -> new PrometheusCredentials.BearerToken("abc\n")).hasMessageNotContaining("abc");
        assertThatThrownBy(() -> PrometheusConnection.of("http://prom:9090").withTimeout(Duration.ZERO))
                .hasMessageContaining("positive");
    }

    private static void keytool(String... args) throws Exception {
        String keytool = System.getProperty("java.home") + File.separator + "bin" + File.separator + "keytool";
        List<String> command = new java.util.ArrayList<>(List.of(keytool));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
