package io.jenkins.plugins.mesh.engine.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * Instant PromQL queries over Prometheus' HTTP API ({@code POST /api/v1/query}, form-encoded, so long queries fit).
 * Works with anything that speaks that API: Prometheus, Thanos Query, Mimir, VictoriaMetrics. Errors name the server
 * and carry Prometheus' own error text; credentials never appear in them.
 */
public final class PrometheusMetricProvider implements MetricProvider {

    /** Longest piece of a server's answer quoted in a message. */
    private static final int QUOTE_MAX = 500;

    private final PrometheusConnection connection;
    private final URI queryEndpoint;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @throws IllegalArgumentException when the connection's CA certificate text does not parse
     */
    public PrometheusMetricProvider(PrometheusConnection connection) {
        this.connection = connection;
        String base = connection.url().toString();
        this.queryEndpoint = URI.create(base.endsWith("/") ? base : base + "/").resolve("api/v1/query");
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(connection.timeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (connection.caCertificatesPem() != null) {
            builder.sslContext(PemTrust.sslContext(connection.caCertificatesPem(), "the Prometheus CA certificate"));
        }
        this.http = builder.build();
    }

    @Override
    public QueryResult query(String query, Instant at) throws MetricException {
        String form = "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&time=" + BigDecimal.valueOf(at.toEpochMilli(), 3).toPlainString()
                + "&timeout=" + connection.timeout().toMillis() + "ms";
        HttpRequest.Builder request = HttpRequest.newBuilder(queryEndpoint)
                .timeout(connection.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        connection.credentials().authorize(request);
        HttpResponse<String> response = send(request.build());
        return parse(query, response);
    }

    /**
     * The server's version from {@code /api/v1/status/buildinfo}, which every Prometheus-API server answers cheaply:
     * the connection test of a metric server (URL, credentials, CA), with the same messages as a query.
     */
    public String serverVersion() throws MetricException {
        URI endpoint = queryEndpoint.resolve("status/buildinfo");
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(connection.timeout())
                .header("Accept", "application/json").GET();
        connection.credentials().authorize(request);
        HttpResponse<String> response = send(request.build());
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new MetricException(describe() + " refused the credentials (HTTP " + status + "); check the "
                    + "token or user name and password, and that they may read metrics");
        }
        if (status != 200) {
            throw new MetricException(describe() + " answered HTTP " + status + " at " + endpoint.getPath()
                    + "; check that the URL points at Prometheus, with its path prefix if it has one");
        }
        try {
            JsonNode version = json.readTree(response.body()).path("data").path("version");
            return version.isTextual() ? version.asText() : "unknown version";
        } catch (IOException e) {
            throw new MetricException(describe() + " answered with something that is not Prometheus' build "
                    + "information: " + quote(response.body()), e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws MetricException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new MetricException(describe() + " could not be reached within " + connection.timeout().toMillis()
                    + " ms; check the URL and that the server is reachable from here", e);
        } catch (HttpTimeoutException e) {
            throw new MetricException(describe() + " did not answer within " + connection.timeout().toMillis()
                    + " ms; raise the timeout or simplify the query", e);
        } catch (ConnectException e) {
            if (e.getCause() instanceof UnresolvedAddressException) {
                throw new MetricException(describe() + " is unreachable: unknown host " + connection.url().getHost()
                        + "; check the URL", e);
            }
            throw new MetricException(describe() + " is unreachable (connection refused or no route); check the "
                    + "URL and that the server is running", e);
        } catch (SSLException e) {
            throw new MetricException("TLS with " + describe() + " failed: " + e.getMessage() + "; if the server "
                    + "uses a private CA, set the CA certificate", e);
        } catch (IOException e) {
            throw new MetricException(describe() + " could not be queried: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetricException("interrupted while querying " + describe(), e);
        }
    }

    private QueryResult parse(String query, HttpResponse<String> response) throws MetricException {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new MetricException(describe() + " refused the credentials (HTTP " + status + "); check the "
                    + "token or user name and password, and that they may read metrics");
        }
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (body != null && "error".equals(body.path("status").asText())) {
            throw new MetricException(describe() + " rejected the query " + query + ": "
                    + body.path("errorType").asText("error") + ": " + quoteAnswer(body.path("error").asText("")));
        }
        if (status == 404) {
            throw new MetricException(describe() + " has no query API at " + queryEndpoint.getPath() + " (HTTP 404);"
                    + " check that the URL points at Prometheus, with its path prefix if it has one");
        }
        if (status != 200) {
            throw new MetricException(describe() + " answered HTTP " + status + ": " + quoteAnswer(response.body()));
        }
        if (body == null || !"success".equals(body.path("status").asText())) {
            throw new MetricException(describe() + " answered with something that is not a Prometheus query "
                    + "result: " + quoteAnswer(response.body()));
        }
        JsonNode data = body.path("data");
        String type = data.path("resultType").asText();
        JsonNode result = data.path("result");
        switch (type) {
            case "scalar":
                return QueryResult.scalar(value(result, query));
            case "vector":
                List<QueryResult.Sample> samples = new ArrayList<>();
                for (JsonNode series : result) {
                    Map<String, String> labels = new LinkedHashMap<>();
                    series.path("metric").fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
                    samples.add(new QueryResult.Sample(labels, value(series.path("value"), query)));
                }
                return new QueryResult(samples);
            case "matrix":
                throw new MetricException("query " + query + " returned a range vector; checks need one value per "
                        + "series: wrap the range in a function such as rate(), increase() or avg_over_time()");
            default:
                throw new MetricException("query " + query + " returned a " + (type.isEmpty() ? "missing" : type)
                        + " result type; checks need a number (an instant vector or a scalar)");
        }
    }

    /** A {@code [timestamp, "value"]} pair's value, NaN and infinities included. */
    private double value(JsonNode pair, String query) throws MetricException {
        String text = pair.path(1).asText(null);
        if (text == null) {
            throw new MetricException(describe() + " returned a sample without a value for query " + query);
        }
        return parseValue(text);
    }

    /** Prometheus' number format: Go's, with {@code NaN}, {@code +Inf} and {@code -Inf}. */
    static double parseValue(String text) throws MetricException {
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
            case "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new MetricException("Prometheus returned '" + quote(text) + "', which is not a number");
                }
        }
    }

    /** A piece of the server's answer for a message, without our credentials should the server echo them. */
    private String quoteAnswer(String text) {
        return quote(connection.credentials().redact(text));
    }

    private static String quote(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() > QUOTE_MAX ? oneLine.substring(0, QUOTE_MAX) + "..." : oneLine;
    }

    @Override
    public String describe() {
        return "Prometheus at " + connection.url();
    }

    @Override
    public String toString() {
        return connection.toString();
    }
}
