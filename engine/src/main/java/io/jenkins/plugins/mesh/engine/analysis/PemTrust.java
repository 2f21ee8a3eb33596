package io.jenkins.plugins.mesh.engine.analysis;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** An {@link SSLContext} that trusts exactly the CA certificates given as PEM text (and nothing else). */
final class PemTrust {

    private PemTrust() {
    }

    /**
     * Builds the context.
     *
     * @param what names the setting in messages, e.g. "the Prometheus CA certificate"
     * @throws IllegalArgumentException when the text holds no certificate or one that does not parse
     */
    static SSLContext sslContext(String pem, String what) {
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException(what + " holds no PEM certificate (-----BEGIN CERTIFICATE-----); "
                    + "paste the CA certificate, not a key or a file name");
        }
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(what + " holds no certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(what + " is not a valid PEM certificate: " + e.getMessage(), e);
        }
    }
}
