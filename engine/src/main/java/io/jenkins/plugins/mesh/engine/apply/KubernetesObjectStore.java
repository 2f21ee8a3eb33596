package io.jenkins.plugins.mesh.engine.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.mesh.engine.config.MeshKind;
import io.jenkins.plugins.mesh.engine.kube.ApiCall;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ObjectStore} over the Kubernetes API (fabric8 generic resources), every call through {@link ApiCall}'s
 * fault policy. Istio kinds are read and written as {@code v1}, or {@code v1beta1} where {@code v1} is not served
 * (Istio before 1.22); an object is the same object in every served version.
 */
public final class KubernetesObjectStore implements ObjectStore {

    private static final int NOT_FOUND = 404;
    private static final int CONFLICT = 409;

    private final KubernetesClient client;
    private final ApiCall api;
    private final Map<MeshKind, String> servedVersion = new ConcurrentHashMap<>();

    /** @param client a client the caller owns and closes */
    public KubernetesObjectStore(KubernetesClient client, ApiCall api) {
        this.client = client;
        this.api = api;
    }

    @Override
    public List<Map<String, Object>> list(MeshKind kind, String namespace) {
        String known = servedVersion.get(kind);
        for (String version : known != null ? List.of(known) : versions(kind)) {
            try {
                List<GenericKubernetesResource> items = api.run("list " + kind.plural() + " in namespace " + namespace,
                        "list on " + permission(kind), () -> client.genericKubernetesResources(context(kind, version))
                                .inNamespace(namespace).list().getItems());
                servedVersion.put(kind, version);
                return items.stream().map(item -> {
                    Map<String, Object> body = toMap(item);
                    body.putIfAbsent("apiVersion", apiVersion(kind, version));
                    body.putIfAbsent("kind", kind.kind());
                    return body;
                }).toList();
            } catch (KubernetesClientException e) {
                if (e.getCode() != NOT_FOUND) {
                    throw e;
                }
            }
        }
        return List.of();
    }

    @Override
    public Optional<Map<String, Object>> get(MeshKind kind, String namespace, String name) {
        String version = version(kind, namespace);
        GenericKubernetesResource item = api.run("read " + kind.kind() + " " + namespace + "/" + name,
                "get on " + permission(kind), () -> client.genericKubernetesResources(context(kind, version))
                        .inNamespace(namespace).withName(name).get());
        return Optional.ofNullable(item).map(KubernetesObjectStore::toMap);
    }

    @Override
    public Map<String, Object> create(MeshKind kind, Map<String, Object> body) {
        String version = version(kind, namespaceOf(body));
        GenericKubernetesResource resource = toResource(kind, version, body);
        String namespace = resource.getMetadata().getNamespace();
        try {
            return toMap(api.run("create " + describe(kind, resource), "create on " + permission(kind),
                    () -> client.genericKubernetesResources(context(kind, version)).inNamespace(namespace)
                            .resource(resource).create()));
        } catch (KubernetesClientException e) {
            if (e.getCode() == CONFLICT) {
                throw new StaleObjectException(describe(kind, resource) + " already exists", e);
            }
            throw e;
        }
    }

    @Override
    public Map<String, Object> replace(MeshKind kind, Map<String, Object> body) {
        String version = version(kind, namespaceOf(body));
        GenericKubernetesResource resource = toResource(kind, version, body);
        String namespace = resource.getMetadata().getNamespace();
        try {
            return toMap(api.run("update " + describe(kind, resource), "update on " + permission(kind),
                    () -> client.genericKubernetesResources(context(kind, version)).inNamespace(namespace)
                            .resource(resource).update()));
        } catch (KubernetesClientException e) {
            if (e.getCode() == CONFLICT || e.getCode() == NOT_FOUND) {
                throw new StaleObjectException(describe(kind, resource) + " changed since it was read (HTTP "
                        + e.getCode() + ")", e);
            }
            throw e;
        }
    }

    @Override
    public void delete(MeshKind kind, String namespace, String name, String resourceVersion) {
        String version = version(kind, namespace);
        try {
            api.run("delete " + kind.kind() + " " + namespace + "/" + name, "delete on " + permission(kind),
                    () -> client.genericKubernetesResources(context(kind, version)).inNamespace(namespace)
                            .withName(name).lockResourceVersion(resourceVersion).delete());
        } catch (KubernetesClientException e) {
            if (e.getCode() == CONFLICT) {
                throw new StaleObjectException(kind.kind() + " " + namespace + "/" + name + " changed since it was "
                        + "read", e);
            }
            if (e.getCode() != NOT_FOUND) {
                throw e;
            }
        }
    }

    private String version(MeshKind kind, String namespace) {
        String known = servedVersion.get(kind);
        if (known != null) {
            return known;
        }
        List<String> candidates = versions(kind);
        if (candidates.size() > 1) {
            // Which version is served is learnt from a list (a plan lists first; a rollback lists once).
            list(kind, namespace);
        }
        return servedVersion.getOrDefault(kind, candidates.get(0));
    }

    private static String namespaceOf(Map<String, Object> body) {
        Object namespace = ObjectContent.map(body.get("metadata")).get("namespace");
        return namespace instanceof String s ? s : "default";
    }

    private static List<String> versions(MeshKind kind) {
        return kind.group().equals("networking.istio.io") ? List.of("v1", "v1beta1") : List.of("v1");
    }

    private static String apiVersion(MeshKind kind, String version) {
        return kind.group().isEmpty() ? version : kind.group() + "/" + version;
    }

    private static String permission(MeshKind kind) {
        return kind.group().isEmpty() ? kind.plural() : kind.plural() + "." + kind.group();
    }

    private static String describe(MeshKind kind, GenericKubernetesResource resource) {
        return kind.kind() + " " + resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
    }

    private static ResourceDefinitionContext context(MeshKind kind, String version) {
        return new ResourceDefinitionContext.Builder().withGroup(kind.group()).withVersion(version)
                .withKind(kind.kind()).withPlural(kind.plural()).withNamespaced(!kind.clusterScoped()).build();
    }

    private static GenericKubernetesResource toResource(MeshKind kind, String version, Map<String, Object> body) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(body);
        copy.put("apiVersion", apiVersion(kind, version));
        copy.put("kind", kind.kind());
        return Serialization.jsonMapper().convertValue(copy, GenericKubernetesResource.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(GenericKubernetesResource item) {
        return Serialization.jsonMapper().convertValue(item, Map.class);
    }
}
