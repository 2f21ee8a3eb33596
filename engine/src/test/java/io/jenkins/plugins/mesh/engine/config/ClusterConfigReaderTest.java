package io.jenkins.plugins.mesh.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.jenkins.plugins.mesh.engine.validate.FindingCode;
import io.jenkins.plugins.mesh.engine.validate.ValidationReport;
import io.jenkins.plugins.mesh.engine.validate.Validator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Cluster mode against fabric8's mock API server in CRUD mode: live objects are read, nothing is ever written. */
public class ClusterConfigReaderTest {

    private KubernetesMockServer server;
    private KubernetesClient client;

    @Before
    public void startServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        for (String plural : List.of("destinationrules", "gateways", "serviceentries")) {
            server.expectCustomResource(crd("networking.istio.io", "v1", plural));
        }
        client = server.createClient();
    }

    @After
    public void stopServer() {
        client.close();
        server.destroy();
    }

    private static CustomResourceDefinitionContext crd(String group, String version, String plural) {
        String kind = switch (plural) {
            case "destinationrules" -> "DestinationRule";
            case "gateways" -> "Gateway";
            default -> "ServiceEntry";
        };
        return new CustomResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withPlural(plural)
                .withKind(kind).withScope("Namespaced").build();
    }

    private void seed() {
        client.services().inNamespace("shop").resource(new ServiceBuilder().withNewMetadata().withName("reviews")
                .withNamespace("shop").endMetadata().withNewSpec().addNewPort().withPort(9080).endPort().endSpec()
                .build()).create();
        GenericKubernetesResource rule = new GenericKubernetesResourceBuilder()
                .withApiVersion("networking.istio.io/v1").withKind("DestinationRule")
                .withNewMetadata().withName("reviews").withNamespace("shop").endMetadata()
                .addToAdditionalProperties("spec", Map.of("host", "reviews",
                        "subsets", List.of(Map.of("name", "v1"), Map.of("name", "v2"), Map.of("name", "v3"))))
                .build();
        client.genericKubernetesResources("networking.istio.io/v1", "DestinationRule").inNamespace("shop")
                .resource(rule).create();
        GenericKubernetesResource gateway = new GenericKubernetesResourceBuilder()
                .withApiVersion("networking.istio.io/v1").withKind("Gateway")
                .withNewMetadata().withName("edge").withNamespace("istio-system").endMetadata()
                .addToAdditionalProperties("spec", Map.of("servers", List.of(Map.of("hosts", List.of("*.example.com"),
                        "port", Map.of("number", 80, "name", "http", "protocol", "HTTP")))))
                .build();
        client.genericKubernetesResources("networking.istio.io/v1", "Gateway").inNamespace("istio-system")
                .resource(gateway).create();
    }

    private List<RecordedRequest> drainRequests() throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            requests.add(request);
        }
        return requests;
    }

    @Test
    public void workspaceIsValidatedWithLiveObjectsAndNothingIsWritten() throws Exception {
        seed();
        drainRequests();
        LoadedConfig workspace = new YamlConfigLoader("default").read("vs.yaml", """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews, namespace: shop}
                spec:
                  hosts: [reviews.example.com]
                  gateways: [istio-system/edge]
                  http:
                  - route:
                    - destination: {host: reviews, subset: v2}
                      weight: 90
                    - destination: {host: reviews, subset: v9}
                      weight: 10
                """);
        List<MeshResource> live = new ClusterConfigReader(client).read(workspace.namespaces());
        assertThat(live).extracting(MeshResource::displayName).containsExactlyInAnyOrder(
                "Service shop/reviews", "DestinationRule shop/reviews", "Gateway istio-system/edge");
        assertThat(live).allSatisfy(r -> assertThat(r.location().isCluster()).isTrue());

        ValidationReport report = Validator.standard().validate(workspace, live, null);
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.IST0101);
            assertThat(f.message()).contains("+v9").contains("[v1, v2, v3]");
        });

        List<RecordedRequest> requests = drainRequests();
        assertThat(requests).isNotEmpty().allSatisfy(r -> assertThat(r.getMethod()).isEqualTo("GET"));
    }

    @Test
    public void subsetNamesOfADestinationRule() throws Exception {
        seed();
        ClusterConfigReader reader = new ClusterConfigReader(client);
        assertThat(reader.subsetNames("shop", "reviews")).containsExactly("v1", "v2", "v3");
        assertThat(reader.subsetNames("shop", "ratings")).isEmpty();
    }

    @Test
    public void kindsNotInstalledReadAsNone() throws Exception {
        assertThat(new ClusterConfigReader(client).read(List.of("empty"))).isEmpty();
    }

    @Test
    public void refusedAccessSaysWhatToCheck() {
        KubernetesMockServer strict = new KubernetesMockServer(false);
        strict.init();
        strict.expect().get().withPath("/api/v1/namespaces/shop/services").andReturn(403, "{}").always();
        try (KubernetesClient denied = strict.createClient()) {
            assertThatThrownBy(() -> new ClusterConfigReader(denied).read(List.of("shop")))
                    .isInstanceOf(ClusterReadException.class)
                    .hasMessageContaining("cannot read services in namespace shop: access denied");
        } finally {
            strict.destroy();
        }
    }
}
