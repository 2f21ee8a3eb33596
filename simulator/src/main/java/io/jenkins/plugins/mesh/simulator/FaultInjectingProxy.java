package io.jenkins.plugins.mesh.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * An HTTP proxy on loopback between a Kubernetes client and the API server that injects faults at configurable
 * rates: 409, 500, 503, dropped connections and answers slower than the client's timeout. Seeded, so a failing run
 * can be repeated; faults can be switched off to let a pending restore complete.
 *
 * <p>Point the client at {@link #url()} instead of the API server's URL.
 */
public final class FaultInjectingProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "host", "upgrade", "te", "trailer", "proxy-authorization", "proxy-authenticate");
    private static final Set<String> RESTRICTED_REQUEST_HEADERS = Set.of("expect", "date", "via", "warning", "from",
            "referer");

    private final URI upstream;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random;
    private final Map<ApiFault, AtomicLong> injected = new EnumMap<>(ApiFault.class);
    private final AtomicLong forwarded = new AtomicLong();
    private volatile Map<ApiFault, Double> rates = Map.of();
    private volatile boolean writesOnly;
    private volatile String pathPart;
    private volatile BiFunction<String, URI, String> access = (method, uri) -> null;
    private final AtomicLong refused = new AtomicLong();
    private volatile Duration slowDelay = Duration.ofSeconds(2);

    /** A proxy for the API server at {@code upstream} (http), listening on a free loopback port. */
    public FaultInjectingProxy(URI upstream, long seed) throws IOException {
        this.upstream = upstream;
        this.random = new Random(seed);
        for (ApiFault fault : ApiFault.values()) {
            injected.put(fault, new AtomicLong());
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** The URL to give the client. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Injects each fault with its probability per request (their sum at most 1); an empty map injects nothing.
     * With {@code onlyWrites}, reads (GET) always pass.
     */
    public FaultInjectingProxy faults(Map<ApiFault, Double> faultRates, boolean onlyWrites) {
        double sum = faultRates.values().stream().mapToDouble(Double::doubleValue).sum();
        if (sum > 1 || faultRates.values().stream().anyMatch(rate -> rate < 0)) {
            throw new IllegalArgumentException("fault rates must be >= 0 and add up to at most 1: " + faultRates);
        }
        this.rates = Map.copyOf(faultRates);
        this.writesOnly = onlyWrites;
        return this;
    }

    /** Every fault at the same rate, {@code total} in all (e.g. 0.3 for 30% of requests). */
    public FaultInjectingProxy allFaults(double total, boolean onlyWrites) {
        Map<ApiFault, Double> even = new EnumMap<>(ApiFault.class);
        for (ApiFault fault : ApiFault.values()) {
            even.put(fault, total / ApiFault.values().length);
        }
        return faults(even, onlyWrites);
    }

    /**
     * Injects faults only into requests whose path contains {@code part} (e.g. {@code /virtualservices/} for an
     * outage of one resource type); null = every request.
     */
    public FaultInjectingProxy onlyPathsContaining(String part) {
        this.pathPart = part;
        return this;
    }

    /**
     * Refuses requests as an API server refuses an account that lacks permissions: {@code denial} gets each request's
     * method and URI and returns null to let it through, or the reason to answer 403 Forbidden with (not forwarded,
     * not counted as a fault). Independent of {@link #heal()}.
     */
    public FaultInjectingProxy access(BiFunction<String, URI, String> denial) {
        this.access = denial == null ? (method, uri) -> null : denial;
        return this;
    }

    /** How many requests {@link #access} refused. */
    public long refused() {
        return refused.get();
    }

    /** Lets every request through from now on. */
    public FaultInjectingProxy heal() {
        this.rates = Map.of();
        this.pathPart = null;
        return this;
    }

    /** How long a {@link ApiFault#SLOW} request is held before it is forwarded (longer than the client's timeout). */
    public FaultInjectingProxy slowDelay(Duration delay) {
        this.slowDelay = delay;
        return this;
    }

    /** How many times {@code fault} was injected. */
    public long injected(ApiFault fault) {
        return injected.get(fault).get();
    }

    /** How many faults were injected in all. */
    public long injectedTotal() {
        return injected.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** How many requests reached the API server. */
    public long forwarded() {
        return forwarded.get();
    }

    private ApiFault draw(String method, String path) {
        Map<ApiFault, Double> current = rates;
        String part = pathPart;
        if (current.isEmpty() || (writesOnly && method.equals("GET")) || (part != null && !path.contains(part))) {
            return null;
        }
        double roll;
        synchronized (random) {
            roll = random.nextDouble();
        }
        double cumulative = 0;
        for (ApiFault fault : ApiFault.values()) {
            cumulative += current.getOrDefault(fault, 0.0);
            if (roll < cumulative) {
                if (fault == ApiFault.CONFLICT && method.equals("GET")) {
                    return null;
                }
                return fault;
            }
        }
        return null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            byte[] body = exchange.getRequestBody().readAllBytes();
            String denial = access.apply(method, exchange.getRequestURI());
            if (denial != null) {
                refused.incrementAndGet();
                status(exchange, 403, "Forbidden", denial);
                return;
            }
            ApiFault fault = draw(method, exchange.getRequestURI().getPath());
            if (fault != null) {
                injected.get(fault).incrementAndGet();
                switch (fault) {
                    case CONFLICT -> {
                        status(exchange, 409, "Conflict", "the object has been modified; please apply your changes "
                                + "to the latest version and try again");
                        return;
                    }
                    case INTERNAL_ERROR -> {
                        status(exchange, 500, "InternalError", "injected internal error");
                        return;
                    }
                    case UNAVAILABLE -> {
                        status(exchange, 503, "ServiceUnavailable", "injected: the server is currently unavailable");
                        return;
                    }
                    case DROP -> {
                        // Closing without a status line drops the connection: the client sees an I/O error.
                        return;
                    }
                    case SLOW -> sleep(slowDelay);
                    default -> throw new IllegalStateException(fault.toString());
                }
            }
            forward(exchange, method, body);
        }
    }

    private void forward(HttpExchange exchange, String method, byte[] body) throws IOException {
        URI target = upstream.resolve(exchange.getRequestURI().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !RESTRICTED_REQUEST_HEADERS.contains(name)) {
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
        forwarded.incrementAndGet();
        byte[] answer;
        try (InputStream in = response.body()) {
            answer = in.readAllBytes();
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    private static void status(HttpExchange exchange, int code, String reason, String message) throws IOException {
        byte[] json = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"reason\":\"" + reason
                + "\",\"code\":" + code + "}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
