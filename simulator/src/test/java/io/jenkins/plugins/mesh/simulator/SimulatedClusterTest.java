package io.jenkins.plugins.mesh.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.ClassRule;
import org.junit.Test;

public class SimulatedClusterTest {

    @ClassRule
    public static final ClusterResource CLUSTER = new ClusterResource();

    @Test
    public void seedsTheReviewsVirtualServiceWithANamedPrimaryRoute() {
        GenericKubernetesResource vs = CLUSTER.get().reviewsVirtualService();
        List<Map<String, Object>> http = vs.get("spec", "http");
        assertThat(http).extracting(route -> route.get("name")).containsExactly("tester", "primary");
        List<Map<String, Object>> primary = vs.get("spec", "http", 1, "route");
        assertThat(primary).extracting(d -> d.get("weight")).containsExactly(100, 0);
        assertThat(CLUSTER.get().get(MeshResources.destinationRule("v1"), "bookinfo", "reviews")).isNotNull();
        assertThat(CLUSTER.get().get(MeshResources.httpRoute("v1"), "bookinfo", "reviews")).isNotNull();
        assertThat(CLUSTER.get().client().services().inNamespace("bookinfo").list().getItems())
                .extracting(s -> s.getMetadata().getName())
                .contains("productpage", "reviews", "ratings", "reviews-stable", "reviews-canary");
    }

    @Test
    public void servesEveryObjectAtEveryServedVersion() {
        KubernetesClient client = CLUSTER.get().client();
        for (String version : MeshResources.ISTIO_VERSIONS) {
            GenericKubernetesResource vs = CLUSTER.get().get(MeshResources.virtualService(version), "bookinfo",
                    "reviews");
            assertThat(vs.getApiVersion()).isEqualTo("networking.istio.io/" + version);
            assertThat(client.genericKubernetesResources(MeshResources.virtualService(version))
                    .inNamespace("bookinfo").list().getItems())
                    .extracting(GenericKubernetesResource::getApiVersion)
                    .containsOnly("networking.istio.io/" + version);
        }
        assertThat(client.genericKubernetesResources("networking.istio.io/v1beta1", "VirtualService")
                .inNamespace("bookinfo").withName("reviews").get()).isNotNull();
        assertThat(CLUSTER.get().get(MeshResources.httpRoute("v1beta1"), "bookinfo", "reviews").getApiVersion())
                .isEqualTo("gateway.networking.k8s.io/v1beta1");
    }

    @Test
    public void anObjectWrittenAtAnOlderVersionIsReadAtV1() {
        GenericKubernetesResource vs = ScaleFixture.virtualService("versions", "shop", "primary");
        vs.setApiVersion("networking.istio.io/v1alpha3");
        CLUSTER.get().client().genericKubernetesResources(MeshResources.virtualService("v1alpha3"))
                .inNamespace("versions").resource(vs).create();
        GenericKubernetesResource stored = CLUSTER.get().get(MeshResources.virtualService("v1"), "versions", "shop");
        assertThat(stored.getApiVersion()).isEqualTo("networking.istio.io/v1");
        stored.getMetadata().setLabels(Map.of("edited", "at-v1"));
        CLUSTER.get().client().genericKubernetesResources(MeshResources.virtualService("v1")).inNamespace("versions")
                .resource(stored).update();
        assertThat(CLUSTER.get().get(MeshResources.virtualService("v1beta1"), "versions", "shop").getMetadata()
                .getLabels()).containsEntry("edited", "at-v1");
    }

    @Test
    public void updatesWithAStaleResourceVersionAreRefused() {
        String ns = "conflicts";
        CLUSTER.get().createVirtualServices(ns, "shop", 1);
        KubernetesClient client = CLUSTER.get().client();
        GenericKubernetesResource first = CLUSTER.get().get(MeshResources.virtualService("v1"), ns, "shop-0");
        GenericKubernetesResource second = CLUSTER.get().get(MeshResources.virtualService("v1"), ns, "shop-0");
        first.getMetadata().setLabels(Map.of("edited", "yes"));
        client.genericKubernetesResources(MeshResources.virtualService("v1")).inNamespace(ns).resource(first).update();
        second.getMetadata().setLabels(Map.of("edited", "again"));
        assertThatThrownBy(() -> client.genericKubernetesResources(MeshResources.virtualService("v1"))
                .inNamespace(ns).resource(second).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    }

    @Test
    public void createsManyVirtualServices() {
        List<String> names = CLUSTER.get().createVirtualServices("scale", "svc", 50);
        assertThat(names).hasSize(50).startsWith("svc-0").endsWith("svc-49");
        assertThat(CLUSTER.get().client().genericKubernetesResources(MeshResources.virtualService("v1"))
                .inNamespace("scale").list().getItems()).hasSize(50);
    }

    @Test
    public void leasesAreBuiltIn() {
        Lease lease = new LeaseBuilder().withNewMetadata().withName("route-lock").withNamespace("bookinfo")
                .endMetadata().withNewSpec().withHolderIdentity("build-1").endSpec().build();
        CLUSTER.get().client().leases().inNamespace("bookinfo").resource(lease).create();
        assertThat(CLUSTER.get().client().leases().inNamespace("bookinfo").withName("route-lock").get().getSpec()
                .getHolderIdentity()).isEqualTo("build-1");
    }

    @Test
    public void theKubeconfigFileConnectsAFreshClient() throws Exception {
        Path kubeconfig = CLUSTER.get().kubeconfig();
        String content = Files.readString(kubeconfig);
        assertThat(content).contains(CLUSTER.get().url());
        try (KubernetesClient fresh = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(kubeconfig.toFile())).build()) {
            assertThat(fresh.getNamespace()).isEqualTo("bookinfo");
            assertThat(fresh.genericKubernetesResources(MeshResources.virtualService("v1")).withName("reviews").get())
                    .isNotNull();
        }
    }

    @Test
    public void injectedFaultsAreAnsweredBeforeTheStoredObjects() {
        String ns = "faults";
        CLUSTER.get().createVirtualServices(ns, "shop", 1);
        String path = "/apis/networking.istio.io/v1/namespaces/" + ns + "/virtualservices/shop-0";
        CLUSTER.get().server().expect().put().withPath(path).andReturn(500, "etcd is unavailable").once();
        KubernetesClient client = CLUSTER.get().client();
        GenericKubernetesResource vs = CLUSTER.get().get(MeshResources.virtualService("v1"), ns, "shop-0");
        vs.getMetadata().setLabels(Map.of("try", "1"));
        assertThatThrownBy(() -> client.genericKubernetesResources(MeshResources.virtualService("v1"))
                .inNamespace(ns).resource(vs).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(500));
        client.genericKubernetesResources(MeshResources.virtualService("v1")).inNamespace(ns).resource(vs).update();
        assertThat(CLUSTER.get().get(MeshResources.virtualService("v1"), ns, "shop-0").getMetadata().getLabels())
                .containsEntry("try", "1");
    }
}
