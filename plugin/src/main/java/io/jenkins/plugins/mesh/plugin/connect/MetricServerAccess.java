package io.jenkins.plugins.mesh.plugin.connect;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.mesh.engine.analysis.PrometheusConnection;
import io.jenkins.plugins.mesh.engine.analysis.PrometheusCredentials;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Everything needed to query one metric server, resolved from its configuration and credential: the values the
 * analysis engine's {@link PrometheusConnection} is built from ({@link #toPrometheusConnection()}). At most one of bearer token and username is set.
 * {@link #toString()} leaves the secrets out.
 */
public record MetricServerAccess(
        String name,
        URI url,
        @CheckForNull String bearerToken,
        @CheckForNull String username,
        @CheckForNull String password,
        @CheckForNull String caCertificatePem,
        Duration timeout) {

    /** The value of the {@code Authorization} header, if the server needs one. */
    public Optional<String> authorizationHeader() {
        if (bearerToken != null) {
            return Optional.of("Bearer " + bearerToken);
        }
        if (username != null) {
            String pair = username + ":" + (password == null ? "" : password);
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }

    /**
     * The analysis engine's connection: bearer token or basic authentication, the CA certificate to trust, the query
     * timeout. Holds the secrets; its {@code toString()} does not show them.
     */
    public PrometheusConnection toPrometheusConnection() {
        PrometheusCredentials credentials = bearerToken != null ? new PrometheusCredentials.BearerToken(bearerToken)
                : username != null ? new PrometheusCredentials.BasicAuth(username, password == null ? "" : password)
                : PrometheusCredentials.NONE;
        return new PrometheusConnection(url, credentials, caCertificatePem, timeout);
    }

    @Override
    public String toString() {
        String auth = bearerToken != null ? "bearer token" : username != null ? "basic" : "none";
        return "metric server " + name + " at " + url + " (authentication: " + auth + ")";
    }
}
