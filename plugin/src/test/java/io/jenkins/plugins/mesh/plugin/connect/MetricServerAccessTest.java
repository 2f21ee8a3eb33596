package io.jenkins.plugins.mesh.plugin.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.engine.analysis.PrometheusConnection;
import io.jenkins.plugins.mesh.engine.analysis.PrometheusCredentials;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.Test;

public class MetricServerAccessTest {

    private static final URI URL = URI.create("https://prometheus.example.com");

    @Test
    public void bearerTokenGoesIntoTheHeaderButNotIntoToString() {
        MetricServerAccess access = new MetricServerAccess("prom", URL, "tok3n-value", null, null, null,
                Duration.ofSeconds(5));
        assertThat(access.authorizationHeader()).contains("Bearer tok3n-value");
        assertThat(access.toString()).doesNotContain("tok3n-value").contains("bearer token").contains("prom");
    }

    @Test
    public void basicAuthenticationIsEncodedAndThePasswordNeverPrinted() {
        MetricServerAccess access = new MetricServerAccess("prom", URL, null, "grafana", "pa55word", null,
                Duration.ofSeconds(5));
        String expected = Base64.getEncoder().encodeToString("grafana:pa55word".getBytes(StandardCharsets.UTF_8));
        assertThat(access.authorizationHeader()).contains("Basic " + expected);
        // the user name may be marked secret in its credential, so it is left out too
        assertThat(access.toString()).doesNotContain("pa55word").doesNotContain(expected).doesNotContain("grafana")
                .contains("basic");
    }

    @Test
    public void noCredentialMeansNoHeader() {
        MetricServerAccess access = new MetricServerAccess("prom", URL, null, null, null, null, Duration.ofSeconds(5));
        assertThat(access.authorizationHeader()).isEmpty();
    }

    @Test
    public void theEngineConnectionCarriesTheCredentialCaAndTimeout() {
        PrometheusConnection token = new MetricServerAccess("prom", URL, "tok3n-value", null, null, "PEM",
                Duration.ofSeconds(7)).toPrometheusConnection();
        assertThat(token.url()).isEqualTo(URL);
        assertThat(token.credentials()).isEqualTo(new PrometheusCredentials.BearerToken("tok3n-value"));
        assertThat(token.caCertificatesPem()).isEqualTo("PEM");
        assertThat(token.timeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(token.toString()).doesNotContain("tok3n-value");

        PrometheusConnection basic = new MetricServerAccess("prom", URL, null, "grafana", "pa55word", null,
                Duration.ofSeconds(5)).toPrometheusConnection();
        assertThat(basic.credentials()).isEqualTo(new PrometheusCredentials.BasicAuth("grafana", "pa55word"));
        assertThat(basic.toString()).doesNotContain("pa55word");

        PrometheusConnection none = new MetricServerAccess("prom", URL, null, null, null, null,
                Duration.ofSeconds(5)).toPrometheusConnection();
        assertThat(none.credentials()).isEqualTo(PrometheusCredentials.NONE);
        assertThat(none.caCertificatesPem()).isNull();
    }
}
