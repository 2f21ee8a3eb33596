package io.jenkins.plugins.mesh.engine.traffic;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.jenkins.plugins.mesh.engine.kube.Backoff;
import io.jenkins.plugins.mesh.engine.kube.ClusterClientFactory;
import io.jenkins.plugins.mesh.engine.kube.ClusterConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.rules.ExternalResource;
import org.yaml.snakeyaml.Yaml;

/**
 * A real HTTP Kubernetes API (fabric8 mock server, CRUD mode, faults on demand) with the Istio and Gateway API CRDs,
 * a client made by {@link ClusterClientFactory} with short timeouts, and a controller with a hand-moved clock and a
 * sleeper that records instead of sleeping.
 */
final class MeshApiServer extends ExternalResource {

    static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    final FaultyCrudDispatcher api = new FaultyCrudDispatcher();
    final MutableClock clock = new MutableClock(START);
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final List<String> virtualServiceVersions;
    private KubernetesMockServer server;
    private final List<KubernetesClient> clients = new ArrayList<>();
    /** For setting up and checking the cluster, as another user would. */
    KubernetesClient client;

    MeshApiServer() {
        this(List.of("v1", "v1beta1", "v1alpha3"));
    }

    MeshApiServer(List<String> virtualServiceVersions) {
        this.virtualServiceVersions = virtualServiceVersions;
    }

    @Override
    protected void before() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), api, false);
        server.init();
        client = newClient(Duration.ofSeconds(10));
        crd("networking.istio.io", "virtualservices", "VirtualService", virtualServiceVersions);
        crd("gateway.networking.k8s.io", "httproutes", "HTTPRoute", List.of("v1", "v1beta1"));
    }

    @Override
    protected void after() {
        clients.forEach(KubernetesClient::close);
        server.destroy();
    }

    /** A client as the engine makes it, with a short request timeout so that a slow API shows quickly. */
    KubernetesClient newClient() {
        return newClient(Duration.ofMillis(500));
    }

    private KubernetesClient newClient(Duration timeout) {
        KubernetesClient created = new ClusterClientFactory().connect(ClusterConnection
                .token(server.url("/"), "test-token", null, false).withRequestTimeout(timeout));
        clients.add(created);
        return created;
    }

    TrafficController controller() {
        return controller(newClient());
    }

    TrafficController controller(KubernetesClient with) {
        return new TrafficController(with, clock, new TrafficSettings(Duration.ofSeconds(60),
                new Backoff(4, Duration.ofMillis(100), Duration.ofSeconds(1), 0.5), sleeps::add, new Random(7), 3));
    }

    private void crd(String group, String plural, String kind, List<String> versions) {
        List<CustomResourceDefinitionVersion> served = new ArrayList<>();
        for (String version : versions) {
            served.add(new CustomResourceDefinitionVersionBuilder().withName(version).withServed(true)
                    .withStorage(version.equals(versions.get(0))).withNewSchema().withNewOpenAPIV3Schema()
                    .withType("object").withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
                    .build());
        }
        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(plural + "." + group).endMetadata()
                .withNewSpec().withGroup(group).withScope("Namespaced")
                .withNewNames().withKind(kind).withPlural(plural).withSingular(kind.toLowerCase()).endNames()
                .withVersions(served).endSpec().build();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    }

    /** Creates an object from YAML; returns it as stored. */
    Map<String, Object> create(String yaml) {
        Map<String, Object> object = new Yaml().load(yaml);
        GenericKubernetesResource resource = client.getKubernetesSerialization()
                .convertValue(object, GenericKubernetesResource.class);
        return toMap(client.genericKubernetesResources(context(resource.getApiVersion(), resource.getKind()))
                .inNamespace(resource.getMetadata().getNamespace()).resource(resource).create());
    }

    /** The object as stored now. */
    Map<String, Object> read(RouteKind kind, String namespace, String name) {
        String version = kind == RouteKind.VIRTUAL_SERVICE ? virtualServiceVersions.get(0) : "v1";
        return toMap(client.genericKubernetesResources(context(kind.group() + "/" + version, kind.kind()))
                .inNamespace(namespace).withName(name).get());
    }

    /** The API path of an object, for fault rules and edits. */
    String path(RouteKind kind, String namespace, String name) {
        String version = kind == RouteKind.VIRTUAL_SERVICE ? virtualServiceVersions.get(0) : "v1";
        return "/apis/" + kind.group() + "/" + version + "/namespaces/" + namespace + "/" + kind.plural() + "/" + name;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> toMap(GenericKubernetesResource resource) {
        return resource == null ? null : JsonTree.copyMap(client.getKubernetesSerialization()
                .convertValue(resource, Map.class));
    }

    private static ResourceDefinitionContext context(String apiVersion, String kind) {
        String[] parts = apiVersion.split("/");
        String plural = kind.equals("VirtualService") ? "virtualservices" : "httproutes";
        return new ResourceDefinitionContext.Builder().withGroup(parts[0]).withVersion(parts[1]).withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }

    static Map<String, Object> copy(Map<String, Object> map) {
        return new HashMap<>(map);
    }
}
