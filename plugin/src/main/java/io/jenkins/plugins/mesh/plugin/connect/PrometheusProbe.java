package io.jenkins.plugins.mesh.plugin.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;

/**
 * The connection test of a metric server: one GET of {@code /api/v1/status/buildinfo}, which every Prometheus-API
 * server answers cheaply. Queries during a rollout go through the analysis engine, not through this class.
 */
public final class PrometheusProbe {

    private PrometheusProbe() {
    }

    /** The server's version, or an exception that says what went wrong (status code, not the response body). */
    public static String version(MetricServerAccess access)
            throws IOException, InterruptedException, GeneralSecurityException {
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(access.timeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (access.caCertificatePem() != null) {
            client.sslContext(PemTrust.sslContext(access.caCertificatePem()));
        }
        String base = access.url().toString().replaceAll("/+$", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/status/buildinfo"))
                .timeout(access.timeout()).header("Accept", "application/json").GET();
        access.authorizationHeader().ifPresent(value -> request.header("Authorization", value));
        HttpResponse<String> response = client.build().send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + base + "/api/v1/status/buildinfo");
        }
        JsonNode version = new ObjectMapper().readTree(response.body()).path("data").path("version");
        return version.isTextual() ? version.asText() : "unknown version";
    }
}
