package io.jenkins.plugins.mesh.engine.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficException;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Random;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * TLS is verified by default: an API server with a self-signed certificate is refused unless the connection asks
 * to skip verification explicitly.
 */
public class TlsVerificationTest {

    private KubernetesMockServer server;

    @Before
    public void startHttpsServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), true);
        server.init(InetAddress.getLoopbackAddress(), 0);
    }

    @After
    public void stop() {
        server.destroy();
    }

    private String url() {
        return "https://127.0.0.1:" + server.getPort();
    }

    private static TrafficController traffic(KubernetesClient client) {
        return new TrafficController(client, Clock.systemUTC(), new TrafficSettings(Duration.ofMinutes(5),
                new Backoff(2, Duration.ZERO, Duration.ZERO, 0), delay -> {
                }, new Random(1), 5));
    }

    @Test
    public void aSelfSignedCertificateIsRefusedByDefault() {
        ClusterConnection connection = ClusterConnection.token(url(), "t", null, false)
                .withRequestTimeout(Duration.ofSeconds(5));
        try (KubernetesClient client = new ClusterClientFactory().connect(connection)) {
            Throwable failure = catchThrowable(() -> traffic(client).status("shop"));
            assertThat(failure).isInstanceOf(TrafficException.class);
            assertThat(causes(failure)).containsIgnoringCase("certificat");
            assertThat(failure.getMessage()).contains("TLS with the API server failed").contains("--ca-file");
        }
    }

    @Test
    public void skippingVerificationMustBeAskedForAndThenWorks() {
        ClusterConnection connection = ClusterConnection.token(url(), "t", null, true)
                .withRequestTimeout(Duration.ofSeconds(5));
        assertThat(connection.toString()).contains("TLS verification OFF");
        try (KubernetesClient client = new ClusterClientFactory().connect(connection)) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata()
                    .build()).create();
            assertThat(traffic(client).status("shop")).isEmpty();
        }
    }

    private static String causes(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }
}
