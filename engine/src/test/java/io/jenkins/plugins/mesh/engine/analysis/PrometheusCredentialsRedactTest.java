package io.jenkins.plugins.mesh.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.Test;

public class PrometheusCredentialsRedactTest {

    @Test
    public void bearerTokenIsMaskedWherever() {
        PrometheusCredentials token = new PrometheusCredentials.BearerToken("tok-123");
        assertThat(token.redact("Authorization: Bearer tok-123; again tok-123")).isEqualTo(
                "Authorization: Bearer ****; again ****");
    }

    @Test
    public void basicAuthMasksThePasswordAndTheEncodedPair() {
        PrometheusCredentials basic = new PrometheusCredentials.BasicAuth("mesh", "pw-9");
        String encoded = Base64.getEncoder().encodeToString("mesh:pw-9".getBytes(StandardCharsets.UTF_8));
        assertThat(basic.redact("Basic " + encoded + " pw-9 by mesh")).isEqualTo("Basic **** **** by mesh");
        assertThat(new PrometheusCredentials.BasicAuth("mesh", "").redact("mesh said")).isEqualTo("mesh said");
    }

    @Test
    public void noCredentialsChangeNothing() {
        assertThat(PrometheusCredentials.NONE.redact("anything")).isEqualTo("anything");
    }
}
