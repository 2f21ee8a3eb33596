package io.jenkins.plugins.mesh.engine.traffic;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.mesh.engine.kube.ApiCall;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes route objects as raw trees ({@link GenericKubernetesResource}), so fields this engine does not know
 * survive. The API version is the newest one the cluster serves, found once per kind by reading the
 * discovery document of each known version. A write
 * is a PUT carrying the resourceVersion read; a 409 goes back to the caller.
 */
final class RouteObjects {

    private final KubernetesClient client;
    private final ApiCall api;
    private final Map<RouteKind, ResourceDefinitionContext> contexts = new EnumMap<>(RouteKind.class);

    RouteObjects(KubernetesClient client, ApiCall api) {
        this.client = client;
        this.api = api;
    }

    /** The resource for {@code kind} at the newest version the cluster serves. */
    synchronized ResourceDefinitionContext context(RouteKind kind) {
        ResourceDefinitionContext known = contexts.get(kind);
        if (known != null) {
            return known;
        }
        String version = null;
        for (String candidate : kind.versions()) {
            if (version == null && serves(kind, candidate)) {
                version = candidate;
            }
        }
        if (version == null) {
            throw new TrafficException(TrafficException.Reason.INVALID, "the cluster serves no " + kind.plural() + "."
                    + kind.group() + " at any of " + kind.versions() + ": install "
                    + (kind == RouteKind.VIRTUAL_SERVICE ? "Istio" : "the Gateway API CRDs") + " or use another "
                    + "cluster or context");
        }
        ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
                .withGroup(kind.group()).withVersion(version).withKind(kind.kind()).withPlural(kind.plural())
                .withNamespaced(true).build();
        contexts.put(kind, context);
        return context;
    }

    /** Whether {@code /apis/<group>/<version>} lists the kind's resource (what kubectl's discovery reads). */
    private boolean serves(RouteKind kind, String version) {
        try {
            APIResourceList resources = api.run("discover " + kind.group() + "/" + version,
                    "get on the API discovery endpoints", () -> client.getApiResources(kind.group() + "/" + version));
            return resources != null && resources.getResources() != null && resources.getResources().stream()
                    .anyMatch(r -> kind.plural().equals(r.getName()));
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    Optional<Map<String, Object>> get(RouteKind kind, String namespace, String name) {
        ResourceDefinitionContext context = context(kind);
        GenericKubernetesResource found = api.run("read " + kind.kind() + " " + namespace + "/" + name,
                "get on " + kind.plural() + "." + kind.group(),
                () -> client.genericKubernetesResources(context).inNamespace(namespace).withName(name).get());
        return Optional.ofNullable(found).map(this::toMap);
    }

    /** PUT {@code object} with the resourceVersion it carries; returns the object as stored. */
    Map<String, Object> put(RouteKind kind, Map<String, Object> object) {
        ResourceDefinitionContext context = context(kind);
        GenericKubernetesResource resource = client.getKubernetesSerialization()
                .convertValue(object, GenericKubernetesResource.class);
        String namespace = resource.getMetadata().getNamespace();
        GenericKubernetesResource stored = api.run("update " + kind.kind() + " " + namespace + "/"
                + resource.getMetadata().getName(), "update on " + kind.plural() + "." + kind.group(),
                () -> client.genericKubernetesResources(context).inNamespace(namespace).resource(resource).update());
        return toMap(stored);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> toMap(GenericKubernetesResource resource) {
        return JsonTree.copyMap(client.getKubernetesSerialization().convertValue(resource, Map.class));
    }
}
