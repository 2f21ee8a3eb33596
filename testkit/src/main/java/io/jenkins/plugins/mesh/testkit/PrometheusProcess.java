package io.jenkins.plugins.mesh.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus server in its own process, on a free loopback port, with a temporary config and data directory.
 * It scrapes the given targets at {@code /metrics}; {@link #start} returns once the server is ready and every target
 * has been scraped successfully, so a query right after sees data. {@link #close()} stops the process and deletes the
 * temporary files; a shutdown hook does the same if the JVM exits first.
 *
 * <p>Needs the {@code prometheus} binary on {@code PATH} (Debian package {@code prometheus}); see
 * {@link #findBinary()} and {@link PrometheusAssumptions}.
 */
public final class PrometheusProcess implements AutoCloseable {

    /** How long the server may take to become ready and to scrape every target once. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final Path workDir;
    private final URI baseUrl;
    private final HttpClient http;
    private final Thread shutdownHook;

    private PrometheusProcess(Process process, Path workDir, URI baseUrl, HttpClient http) {
        this.process = process;
        this.workDir = workDir;
        this.baseUrl = baseUrl;
        this.http = http;
        this.shutdownHook = new Thread(this::stopAndClean, "prometheus-cleanup-" + baseUrl.getPort());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The {@code prometheus} executable on {@code PATH}, if there is one. */
    public static Optional<Path> findBinary() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "prometheus");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code prometheus} is on {@code PATH}. */
    public static boolean isAvailable() {
        return findBinary().isPresent();
    }

    /**
     * Starts Prometheus scraping {@code scrapeTargets} every {@code scrapeInterval}, and waits (bounded) until it is
     * ready and every target is up.
     *
     * @param scrapeTargets {@code host:port} of each endpoint serving {@code /metrics}; may be empty
     * @param scrapeInterval e.g. 1 s; also the scrape timeout
     * @throws IllegalStateException when the binary is missing, the server does not start or a target stays down;
     *         the message holds the end of Prometheus' log
     */
    public static PrometheusProcess start(List<String> scrapeTargets, Duration scrapeInterval) {
        Objects.requireNonNull(scrapeTargets, "scrapeTargets");
        if (scrapeInterval.toMillis() < 1) {
            throw new IllegalArgumentException("scrape interval must be at least 1 ms, got " + scrapeInterval);
        }
        for (String target : scrapeTargets) {
            if (!target.matches("[A-Za-z0-9.\\-\\[\\]:]+:[0-9]{1,5}")) {
                throw new IllegalArgumentException("scrape target '" + target + "' is not host:port");
            }
        }
        Path binary = findBinary().orElseThrow(() -> new IllegalStateException(
                "prometheus is not on PATH; install it (Debian: apt-get install prometheus)"));
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startOnce(binary, scrapeTargets, scrapeInterval);
            } catch (PortTakenException e) {
                // Another process took the free port between our probe and Prometheus' bind: pick another.
                last = e;
            }
        }
        throw last;
    }

    private static PrometheusProcess startOnce(Path binary, List<String> targets, Duration interval) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("mesh-prometheus-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for Prometheus", e);
        }
        Path config = workDir.resolve("prometheus.yml");
        Path data = workDir.resolve("data");
        Path log = workDir.resolve("prometheus.log");
        int port = freeLoopbackPort();
        String host = InetAddress.getLoopbackAddress().getHostAddress();
        Process process;
        try {
            Files.createDirectories(data);
            Files.writeString(config, config(targets, interval));
            List<String> command = List.of(binary.toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + data,
                    "--storage.tsdb.retention.time=1h",
                    "--web.listen-address=" + host + ":" + port,
                    "--web.console.templates=" + workDir,
                    "--web.console.libraries=" + workDir,
                    "--log.level=warn");
            process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            deleteRecursively(workDir);
            throw new IllegalStateException("cannot start " + binary + ": " + e.getMessage(), e);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        PrometheusProcess prometheus = new PrometheusProcess(process, workDir,
                URI.create("http://" + host + ":" + port), http);
        try {
            prometheus.awaitReady(targets, log);
            return prometheus;
        } catch (RuntimeException e) {
            prometheus.close();
            throw e;
        }
    }

    private static String config(List<String> targets, Duration interval) {
        String every = interval.toMillis() + "ms";
        StringBuilder yaml = new StringBuilder()
                .append("global:\n")
                .append("  scrape_interval: ").append(every).append('\n')
                .append("  scrape_timeout: ").append(every).append('\n')
                .append("  evaluation_interval: ").append(every).append('\n')
                .append("scrape_configs:\n")
                .append("  - job_name: mesh\n")
                .append("    metrics_path: /metrics\n")
                .append("    static_configs:\n")
                .append("      - targets: [");
        for (int i = 0; i < targets.size(); i++) {
            yaml.append(i == 0 ? "" : ", ").append('\'').append(targets.get(i)).append('\'');
        }
        return yaml.append("]\n").toString();
    }

    private void awaitReady(List<String> targets, Path log) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String lastState = "not ready";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String tail = logTail(log);
                if (tail.contains("address already in use")) {
                    throw new PortTakenException(tail);
                }
                throw new IllegalStateException("prometheus exited with code " + process.exitValue()
                        + " before it was ready; its log ends with:\n" + tail);
            }
            try {
                if (get("/-/ready").statusCode() == 200) {
                    if (targets.isEmpty()) {
                        return;
                    }
                    String body = get("/api/v1/targets?state=active").body();
                    List<String> notUp = targetsNotUp(body, targets);
                    if (notUp.isEmpty()) {
                        return;
                    }
                    lastState = "targets not up yet: " + notUp;
                }
            } catch (IOException e) {
                lastState = "not answering yet (" + e.getClass().getSimpleName() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for prometheus", e);
            }
            pause(Duration.ofMillis(100));
        }
        throw new IllegalStateException("prometheus at " + baseUrl + " was not ready within " + READY_TIMEOUT
                + " (" + lastState + "); its log ends with:\n" + logTail(log));
    }

    /** Targets from {@code targets} whose health is not "up" in an {@code /api/v1/targets} answer, with the reason. */
    static List<String> targetsNotUp(String targetsJson, List<String> targets) {
        List<String> notUp = new ArrayList<>();
        for (String target : targets) {
            int at = targetsJson.indexOf("\"scrapeUrl\":\"http://" + target + "/metrics\"");
            if (at < 0) {
                notUp.add(target + " (not discovered)");
                continue;
            }
            String health = stringField(targetsJson, "health", at);
            if (!"up".equals(health)) {
                String error = stringField(targetsJson, "lastError", at);
                notUp.add(target + " (" + (health == null ? "unknown" : health)
                        + (error == null || error.isEmpty() ? "" : ": " + error) + ")");
            }
        }
        return notUp;
    }

    /** The first string field {@code name} after {@code from}, unescaped only for what Prometheus emits here. */
    private static String stringField(String json, String name, int from) {
        String key = "\"" + name + "\":\"";
        int start = json.indexOf(key, from);
        if (start < 0) {
            return null;
        }
        start += key.length();
        StringBuilder value = new StringBuilder();
        for (int i = start; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\\' && i + 1 < json.length()) {
                value.append(json.charAt(++i));
            } else if (c == '"') {
                return value.toString();
            } else {
                value.append(c);
            }
        }
        return null;
    }

    /** The server's address, e.g. {@code http://127.0.0.1:39123}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * Runs an instant PromQL query now and returns Prometheus' JSON answer as is (for tests that inspect it).
     *
     * @throws IllegalStateException when the server answers with an error status
     */
    public String query(String promql) {
        try {
            HttpResponse<String> response = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("query '" + promql + "' failed with HTTP " + response.statusCode()
                        + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("prometheus at " + baseUrl + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while querying prometheus", e);
        }
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The temporary directory holding config, data and log; gone after {@link #close()}. */
    Path workDir() {
        return workDir;
    }

    /** Whether the server process is still running. */
    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        stopAndClean();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook runs (or ran) anyway; nothing left to undo.
        }
    }

    private synchronized void stopAndClean() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        deleteRecursively(workDir);
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port for Prometheus", e);
        }
    }

    private static String logTail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for prometheus", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // Best effort: a leftover temp file must not fail the test that used Prometheus.
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Same: the directory is under the system temp dir and will be cleaned eventually.
        }
    }

    /** Prometheus could not bind the port we picked. */
    private static final class PortTakenException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String log) {
            super("the port picked for prometheus was taken; its log ends with:\n" + log);
        }
    }
}
