package io.jenkins.plugins.mesh.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A tiny HTTP server on a free loopback port that serves {@code GET /metrics} in the Prometheus text exposition
 * format (version 0.0.4). The body comes from a supplier on every request, so the caller advances its counters and
 * the next scrape sees them. Closing it stops the server and its thread.
 */
public final class MetricsEndpoint implements AutoCloseable {

    /** The content type Prometheus expects for the text format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving {@code /metrics} on 127.0.0.1 at a free port.
     *
     * @param exposition called on every scrape; returns the whole exposition text (lines ending in '\n')
     */
    public static MetricsEndpoint start(Supplier<String> exposition) {
        Objects.requireNonNull(exposition, "exposition");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback port for the /metrics endpoint", e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "metrics-endpoint-" + server.getAddress().getPort());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", exchange -> serve(exchange, exposition));
        server.start();
        return new MetricsEndpoint(server, executor);
    }

    private static void serve(HttpExchange exchange, Supplier<String> exposition) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            int status;
            String type;
            try {
                body = exposition.get().getBytes(StandardCharsets.UTF_8);
                status = 200;
                type = CONTENT_TYPE;
            } catch (RuntimeException e) {
                // Prometheus marks the target down on a 5xx, which is what a broken exporter should look like.
                body = ("metrics unavailable: " + e).getBytes(StandardCharsets.UTF_8);
                status = 500;
                type = "text/plain; charset=utf-8";
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The scrape target, {@code 127.0.0.1:port}. */
    public String address() {
        InetSocketAddress address = server.getAddress();
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** The full URL of the endpoint, {@code http://127.0.0.1:port/metrics}. */
    public String url() {
        return "http://" + address() + "/metrics";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
