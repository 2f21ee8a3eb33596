package io.jenkins.plugins.mesh.engine.analysis;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where Prometheus is and how to reach it: what the Jenkins global configuration and the {@code mesh} command build
 * from the user's settings. Holds secrets: its {@link #toString()} does not.
 *
 * @param url the server's base URL, e.g. {@code https://prometheus.monitoring:9090} or one with a path prefix such
 *        as {@code https://gateway/prometheus}; no user info (put credentials in {@code credentials})
 * @param credentials how to authenticate
 * @param caCertificatesPem PEM text of the CA certificate(s) to trust for {@code https}, or {@code null} for the
 *        JVM's default trust store
 * @param timeout how long one query may take, connecting included
 */
public record PrometheusConnection(URI url, PrometheusCredentials credentials, String caCertificatesPem,
        Duration timeout) {

    /** What a query may take when the user sets nothing. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public PrometheusConnection {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("Prometheus URL '" + safe(url) + "' must start with http:// or "
                    + "https://");
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("Prometheus URL '" + safe(url) + "' has no host");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("Prometheus URL " + safe(url) + " holds a user name or password; "
                    + "remove it from the URL and set credentials instead");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("Prometheus URL '" + safe(url) + "' must not have a query or fragment;"
                    + " give the server's base URL");
        }
        credentials = credentials == null ? PrometheusCredentials.NONE : credentials;
        if (caCertificatesPem != null && caCertificatesPem.isBlank()) {
            caCertificatesPem = null;
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Prometheus timeout must be positive, got " + timeout);
        }
    }

    /** A connection without credentials, custom CA or timeout. */
    public static PrometheusConnection of(String url) {
        return new PrometheusConnection(URI.create(url), PrometheusCredentials.NONE, null, DEFAULT_TIMEOUT);
    }

    /** The same connection with other credentials. */
    public PrometheusConnection withCredentials(PrometheusCredentials newCredentials) {
        return new PrometheusConnection(url, newCredentials, caCertificatesPem, timeout);
    }

    /** The same connection trusting these CA certificates (PEM). */
    public PrometheusConnection withCaCertificates(String pem) {
        return new PrometheusConnection(url, credentials, pem, timeout);
    }

    /** The same connection with another query timeout. */
    public PrometheusConnection withTimeout(Duration newTimeout) {
        return new PrometheusConnection(url, credentials, caCertificatesPem, newTimeout);
    }

    @Override
    public String toString() {
        return "Prometheus at " + url + " (" + credentials + (caCertificatesPem == null ? "" : ", custom CA")
                + ", timeout " + timeout.toMillis() + " ms)";
    }

    /** The URL without user info, for messages about a URL we are rejecting. */
    private static String safe(URI url) {
        if (url.getRawUserInfo() == null) {
            return url.toString();
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }
}
