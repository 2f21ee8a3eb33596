package io.jenkins.plugins.mesh.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class FaultInjectingProxyTest {

    private KubernetesMockServer apiServer;
    private FaultInjectingProxy proxy;
    private KubernetesClient client;

    @Before
    public void start() throws Exception {
        apiServer = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        apiServer.init(InetAddress.getLoopbackAddress(), 0);
        proxy = new FaultInjectingProxy(URI.create(apiServer.url("/")), 42);
        client = clientVia(proxy.url(), 2_000);
    }

    private static KubernetesClient clientVia(String url, int timeoutMillis) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withNamespace("test")
                .withRequestRetryBackoffLimit(0).withRequestTimeout(timeoutMillis).withConnectionTimeout(timeoutMillis)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @After
    public void stop() {
        client.close();
        proxy.close();
        apiServer.destroy();
    }

    private static ConfigMap configMap(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("test").endMetadata()
                .addToData("k", "v").build();
    }

    @Test
    public void withoutFaultsEverythingPassesThrough() {
        client.configMaps().resource(configMap("a")).create();
        ConfigMap read = client.configMaps().withName("a").get();
        assertThat(read.getData()).containsEntry("k", "v");
        read.getData().put("k", "w");
        client.configMaps().resource(read).update();
        assertThat(client.configMaps().withName("a").get().getData()).containsEntry("k", "w");
        assertThat(proxy.forwarded()).isEqualTo(4);
        assertThat(proxy.injectedTotal()).isZero();
    }

    @Test
    public void conflictsHitWritesAndLeaveReadsAlone() {
        client.configMaps().resource(configMap("a")).create();
        proxy.faults(Map.of(ApiFault.CONFLICT, 1.0), false);
        assertThat(client.configMaps().withName("a").get()).isNotNull();
        assertThatThrownBy(() -> client.configMaps().resource(configMap("b")).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(proxy.injected(ApiFault.CONFLICT)).isEqualTo(1);
    }

    @Test
    public void serverErrorsCarryTheirCode() {
        proxy.faults(Map.of(ApiFault.UNAVAILABLE, 1.0), false);
        assertThatThrownBy(() -> client.configMaps().withName("a").get())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(503));
        proxy.faults(Map.of(ApiFault.INTERNAL_ERROR, 1.0), true);
        assertThat(client.configMaps().withName("a").get()).as("reads pass in writes-only mode").isNull();
        assertThatThrownBy(() -> client.configMaps().resource(configMap("a")).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(500));
        assertThat(client.configMaps().withName("a").get()).as("the write never reached the server").isNull();
    }

    @Test
    public void droppedConnectionsAreIoErrorsAndWriteNothing() {
        proxy.faults(Map.of(ApiFault.DROP, 1.0), true);
        assertThatThrownBy(() -> client.configMaps().resource(configMap("a")).create())
                .isInstanceOf(KubernetesClientException.class);
        proxy.heal();
        assertThat(client.configMaps().withName("a").get()).isNull();
    }

    @Test
    public void slowAnswersTimeOutButTheWriteIsApplied() throws Exception {
        proxy.faults(Map.of(ApiFault.SLOW, 1.0), true).slowDelay(java.time.Duration.ofMillis(600));
        try (KubernetesClient impatient = clientVia(proxy.url(), 200)) {
            assertThatThrownBy(() -> impatient.configMaps().resource(configMap("a")).create())
                    .isInstanceOf(KubernetesClientException.class);
        }
        proxy.heal();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (client.configMaps().withName("a").get() == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(client.configMaps().withName("a").get()).as("applied after the client gave up").isNotNull();
    }

    @Test
    public void theSameSeedInjectsTheSameFaults() throws Exception {
        assertThat(faultSequence(7)).isEqualTo(faultSequence(7)).isNotEqualTo(faultSequence(8));
    }

    private List<Boolean> faultSequence(long seed) throws Exception {
        List<Boolean> failed = new ArrayList<>();
        try (FaultInjectingProxy seeded = new FaultInjectingProxy(URI.create(apiServer.url("/")), seed);
                KubernetesClient c = clientVia(seeded.url(), 2_000)) {
            seeded.faults(Map.of(ApiFault.INTERNAL_ERROR, 0.5), false);
            for (int i = 0; i < 30; i++) {
                try {
                    c.configMaps().withName("x").get();
                    failed.add(false);
                } catch (KubernetesClientException e) {
                    failed.add(true);
                }
            }
        }
        return failed;
    }

    @Test
    public void ratesMustBeProbabilities() {
        assertThatThrownBy(() -> proxy.faults(Map.of(ApiFault.DROP, 0.7, ApiFault.SLOW, 0.7), false))
                .hasMessageContaining("add up to at most 1");
        proxy.allFaults(0.3, true);
    }
}
