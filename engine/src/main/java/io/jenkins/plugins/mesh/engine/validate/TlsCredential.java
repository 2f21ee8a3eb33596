package io.jenkins.plugins.mesh.engine.validate;

import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.YamlValues;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.Map;

/**
 * Reads the certificate of a TLS Secret the way istiod does: {@code cert} and {@code key}, else {@code tls.crt} and
 * {@code tls.key}, both non-empty; the certificate PEM X.509 and valid now.
 */
final class TlsCredential {

    private TlsCredential() {
    }

    /** What is wrong with {@code secret} as a gateway credential at {@code now}, or null when nothing is. */
    static String problem(MeshResource secret, Instant now) {
        Map<String, Object> data = YamlValues.map(secret.body().get("data"));
        Map<String, Object> plain = YamlValues.map(secret.body().get("stringData"));
        byte[] cert = value(data, plain, "cert");
        byte[] key = value(data, plain, "key");
        if (empty(cert) || empty(key)) {
            cert = value(data, plain, "tls.crt");
            key = value(data, plain, "tls.key");
        }
        if (empty(cert) || empty(key)) {
            return "has neither cert and key nor tls.crt and tls.key (keys: " + data.keySet() + ")";
        }
        String pem = new String(cert, StandardCharsets.US_ASCII);
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            return "holds no PEM certificate";
        }
        try {
            Collection<? extends java.security.cert.Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(cert));
            if (certificates.isEmpty()) {
                return "holds no PEM certificate";
            }
            for (java.security.cert.Certificate certificate : certificates) {
                X509Certificate x509 = (X509Certificate) certificate;
                if (Date.from(now).after(x509.getNotAfter()) || Date.from(now).before(x509.getNotBefore())) {
                    return "holds a certificate that is expired or not yet valid (valid " + x509.getNotBefore()
                            .toInstant() + " to " + x509.getNotAfter().toInstant() + ")";
                }
            }
        } catch (CertificateException | RuntimeException e) {
            return "holds a certificate that cannot be read: " + e.getMessage();
        }
        return null;
    }

    private static byte[] value(Map<String, Object> data, Map<String, Object> plain, String key) {
        if (plain.get(key) instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (data.get(key) instanceof String encoded) {
            try {
                return Base64.getMimeDecoder().decode(encoded);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static boolean empty(byte[] value) {
        return value == null || value.length == 0;
    }
}
