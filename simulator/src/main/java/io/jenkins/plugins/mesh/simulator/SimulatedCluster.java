package io.jenkins.plugins.mesh.simulator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;

/**
 * A Kubernetes API server on loopback that speaks real HTTP: fabric8's mock server in CRUD mode, with the Istio
 * networking and Gateway API custom resources registered and a bookinfo-like namespace ({@value #NAMESPACE}) seeded:
 * Services productpage, reviews, ratings, reviews-stable and reviews-canary; Deployments reviews-v1 and reviews-v2;
 * DestinationRule {@code reviews} with subsets v1 and v2; VirtualService {@code reviews} whose route
 * {@value #PRIMARY_ROUTE} sends 100 to v1 and 0 to v2 (after a header-matched route {@code tester}); and HTTPRoute
 * {@code reviews} sending 100 to reviews-stable and 0 to reviews-canary. Leases and Events are built-in kinds.
 *
 * <p>Close it to stop the server and delete the kubeconfig file it wrote.
 */
public final class SimulatedCluster implements AutoCloseable {

    /** The stable version of the seeded reviews service: subset v1, workload reviews-v1. */
    public static final MeshVersion STABLE = MeshVersion.subset("reviews", "v1");
    /** The canary version of the seeded reviews service: subset v2, workload reviews-v2. */
    public static final MeshVersion CANARY = MeshVersion.subset("reviews", "v2");
    /** The stable version behind its own Service, as the seeded HTTPRoute routes it. */
    public static final MeshVersion STABLE_HOST = MeshVersion.host("reviews-stable", "v1", "reviews-v1");
    /** The canary version behind its own Service, as the seeded HTTPRoute routes it. */
    public static final MeshVersion CANARY_HOST = MeshVersion.host("reviews-canary", "v2", "reviews-v2");

    /** The seeded namespace. */
    public static final String NAMESPACE = "bookinfo";
    /** The seeded VirtualService, DestinationRule and HTTPRoute are all named after the service they route. */
    public static final String SERVICE = "reviews";
    /** The name of the VirtualService route that splits traffic between v1 and v2. */
    public static final String PRIMARY_ROUTE = "primary";

    private static final String SEED = "bookinfo.yaml";

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final String url;
    private final Path kubeconfig;

    private SimulatedCluster(KubernetesMockServer server, KubernetesClient client, String url, Path kubeconfig) {
        this.server = server;
        this.client = client;
        this.url = url;
        this.kubeconfig = kubeconfig;
    }

    /** Starts an API server on a free loopback port, registers the mesh resources and seeds {@value #NAMESPACE}. */
    public static SimulatedCluster start() {
        // CRUD for everything, except the faults a test injects with server().expect(): those are answered first
        Map<ServerRequest, Queue<ServerResponse>> faults = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), faults,
                new VersionConvertingDispatcher(new KubernetesMixedDispatcher(faults)), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        KubernetesClient client = null;
        Path kubeconfig = null;
        try {
            String url = "http://127.0.0.1:" + server.getPort();
            client = new KubernetesClientBuilder().withConfig(clientConfig(url)).build();
            registerMeshResources(server, client);
            seed(client);
            kubeconfig = writeKubeconfig(url);
            return new SimulatedCluster(server, client, url, kubeconfig);
        } catch (RuntimeException | IOException e) {
            if (client != null) {
                client.close();
            }
            server.destroy();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot write the simulator's kubeconfig file: " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    /** A client connected to this server, default namespace {@value #NAMESPACE}. Closed with the cluster. */
    public KubernetesClient client() {
        return client;
    }

    /** A new client of this server; the caller closes it. */
    public KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(clientConfig(url)).build();
    }

    /** The server's base URL, {@code http://127.0.0.1:<port>}. */
    public String url() {
        return url;
    }

    /** A kubeconfig file (no credentials) whose current context points at this server, namespace {@value #NAMESPACE}. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /**
     * The mock server itself, to inject faults: an expectation set with {@code server().expect()} is answered before
     * the stored objects, e.g. {@code server().expect().put().withPath(path).andReturn(500, "boom").once()}.
     */
    public KubernetesMockServer server() {
        return server;
    }

    /**
     * A traffic model of the seeded reviews service split by subsets v1 ({@link #STABLE}) and v2 ({@link #CANARY})
     * following the live routing of VirtualService {@code bookinfo/reviews}: plain requests take route
     * {@value #PRIMARY_ROUTE}; requests a {@link RequestMix} gives a header or cookie take the routes that match them,
     * mirrors and sticky cookies included. Set the clock, seed, rate, mix and users on the returned builder.
     */
    public TrafficModel.Builder reviewsTraffic(VersionBehaviour stable, VersionBehaviour canary) {
        return TrafficModel.builder(NAMESPACE, SERVICE)
                .version(STABLE, stable)
                .version(CANARY, canary)
                .routing(new VirtualServiceRouting(client, NAMESPACE, SERVICE));
    }

    /**
     * A traffic model of the seeded reviews service split by Services reviews-stable ({@link #STABLE_HOST}) and
     * reviews-canary ({@link #CANARY_HOST}) following the live routing of HTTPRoute {@code bookinfo/reviews}.
     */
    public TrafficModel.Builder reviewsHostTraffic(VersionBehaviour stable, VersionBehaviour canary) {
        return TrafficModel.builder(NAMESPACE, SERVICE)
                .version(STABLE_HOST, stable)
                .version(CANARY_HOST, canary)
                .routing(new HttpRouteRouting(client, NAMESPACE, SERVICE));
    }

    /** Reads a custom or built-in resource as a raw object, or null when it does not exist. */
    public GenericKubernetesResource get(ResourceDefinitionContext kind, String namespace, String name) {
        return client.genericKubernetesResources(kind).inNamespace(namespace).withName(name).get();
    }

    /** The seeded VirtualService {@code bookinfo/reviews}, as stored now. */
    public GenericKubernetesResource reviewsVirtualService() {
        return get(MeshResources.virtualService("v1"), NAMESPACE, SERVICE);
    }

    /**
     * The weights of route {@value #PRIMARY_ROUTE} of VirtualService {@code bookinfo/reviews} by subset, as stored now
     * (a destination without a weight counts 0 here), sorted by subset.
     */
    public Map<String, Integer> reviewsPrimaryWeights() {
        Map<String, Integer> weights = new java.util.TreeMap<>();
        Map<?, ?> spec = (Map<?, ?>) reviewsVirtualService().getAdditionalProperties().get("spec");
        for (Object route : (List<?>) spec.get("http")) {
            Map<?, ?> r = (Map<?, ?>) route;
            if (PRIMARY_ROUTE.equals(r.get("name"))) {
                for (Object d : (List<?>) r.get("route")) {
                    Map<?, ?> destination = (Map<?, ?>) ((Map<?, ?>) d).get("destination");
                    Object weight = ((Map<?, ?>) d).get("weight");
                    weights.put((String) destination.get("subset"), weight == null ? 0 : ((Number) weight).intValue());
                }
            }
        }
        return weights;
    }

    /**
     * Creates {@code count} VirtualServices in {@code namespace} (created when missing) named {@code <prefix>-<i>},
     * each with a route {@value #PRIMARY_ROUTE} sending 100 to subset v1 and 0 to v2 of host {@code <prefix>-<i>},
     * and the matching DestinationRule. For scale tests of many concurrent rollouts.
     *
     * @return the names created, in order
     */
    public List<String> createVirtualServices(String namespace, String prefix, int count) {
        Objects.requireNonNull(prefix, "prefix");
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        ensureNamespace(namespace);
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = prefix + "-" + i;
            client.genericKubernetesResources(MeshResources.destinationRule("v1")).inNamespace(namespace)
                    .resource(ScaleFixture.destinationRule(namespace, name)).create();
            client.genericKubernetesResources(MeshResources.virtualService("v1")).inNamespace(namespace)
                    .resource(ScaleFixture.virtualService(namespace, name, PRIMARY_ROUTE)).create();
            names.add(name);
        }
        return names;
    }

    private void ensureNamespace(String namespace) {
        if (client.namespaces().withName(namespace).get() == null) {
            client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                    .withNewMetadata().withName(namespace).endMetadata().build()).create();
        }
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
        try {
            Files.deleteIfExists(kubeconfig);
        } catch (IOException e) {
            // a leftover temp file holds no secret; nothing else to do
        }
    }

    private static Config clientConfig(String url) {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(url)
                .withNamespace(NAMESPACE)
                .withRequestRetryBackoffLimit(0)
                .build();
    }

    private static void registerMeshResources(KubernetesMockServer server, KubernetesClient client) {
        crd(server, client, MeshResources.ISTIO_GROUP, "VirtualService", "virtualservices", MeshResources.ISTIO_VERSIONS);
        crd(server, client, MeshResources.ISTIO_GROUP, "DestinationRule", "destinationrules",
                MeshResources.ISTIO_VERSIONS);
        crd(server, client, MeshResources.ISTIO_GROUP, "Gateway", "gateways", MeshResources.ISTIO_VERSIONS);
        crd(server, client, MeshResources.GATEWAY_GROUP, "HTTPRoute", "httproutes", MeshResources.GATEWAY_VERSIONS);
        // the rest of the config mesh apply manages
        crd(server, client, MeshResources.ISTIO_GROUP, "ServiceEntry", "serviceentries", MeshResources.ISTIO_VERSIONS);
        crd(server, client, MeshResources.ISTIO_GROUP, "Sidecar", "sidecars", MeshResources.ISTIO_VERSIONS);
        crd(server, client, MeshResources.GATEWAY_GROUP, "Gateway", "gateways", MeshResources.GATEWAY_VERSIONS);
    }

    /** Stores the CRD (so discovery and listing CRDs work) and registers every served version with the server. */
    private static void crd(KubernetesMockServer server, KubernetesClient client, String group, String kind,
            String plural, List<String> versions) {
        List<CustomResourceDefinitionVersion> served = new ArrayList<>();
        for (String version : versions) {
            served.add(new CustomResourceDefinitionVersionBuilder()
                    .withName(version).withServed(true).withStorage(version.equals(versions.get(0)))
                    .withNewSchema().withNewOpenAPIV3Schema().withType("object")
                    .withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
                    .build());
        }
        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(plural + "." + group).endMetadata()
                .withNewSpec().withGroup(group).withScope("Namespaced")
                .withNewNames().withKind(kind).withPlural(plural).withSingular(kind.toLowerCase()).endNames()
                .withVersions(served)
                .endSpec()
                .build();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        for (String version : versions) {
            server.expectCustomResource(new CustomResourceDefinitionContext.Builder()
                    .withGroup(group).withVersion(version).withKind(kind).withPlural(plural)
                    .withScope("Namespaced").build());
        }
    }

    private static void seed(KubernetesClient client) {
        for (GenericKubernetesResource resource : seedResources()) {
            client.genericKubernetesResources(contextOf(resource)).resource(resource).create();
        }
    }

    static List<GenericKubernetesResource> seedResources() {
        try (InputStream in = SimulatedCluster.class.getResourceAsStream(SEED)) {
            if (in == null) {
                throw new IllegalStateException("the simulator's seed " + SEED + " is missing from its jar");
            }
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<GenericKubernetesResource> resources = new ArrayList<>();
            for (String document : yaml.split("(?m)^---\\s*$")) {
                if (!document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
                    resources.add(Serialization.unmarshal(document, GenericKubernetesResource.class));
                }
            }
            return resources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResourceDefinitionContext contextOf(GenericKubernetesResource resource) {
        String apiVersion = resource.getApiVersion();
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        String kind = resource.getKind();
        String plural = switch (kind) {
            case "Namespace" -> "namespaces";
            case "Service" -> "services";
            case "Deployment" -> "deployments";
            case "VirtualService" -> "virtualservices";
            case "DestinationRule" -> "destinationrules";
            case "HTTPRoute" -> "httproutes";
            default -> throw new IllegalStateException("the simulator's seed holds an unknown kind " + kind);
        };
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(!kind.equals("Namespace")).build();
    }

    private static Path writeKubeconfig(String url) throws IOException {
        Path file;
        try {
            file = Files.createTempFile("mesh-simulator-", ".kubeconfig",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            file = Files.createTempFile("mesh-simulator-", ".kubeconfig");
        }
        String content = String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: mesh-simulator",
                "  cluster:",
                "    server: " + url,
                "contexts:",
                "- name: mesh-simulator",
                "  context:",
                "    cluster: mesh-simulator",
                "    namespace: " + NAMESPACE,
                "    user: mesh-simulator",
                "current-context: mesh-simulator",
                "users:",
                "- name: mesh-simulator",
                "  user: {}",
                "");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
