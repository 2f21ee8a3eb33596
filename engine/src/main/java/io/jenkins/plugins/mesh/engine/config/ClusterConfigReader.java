package io.jenkins.plugins.mesh.engine.config;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads, and only reads, the live objects validation needs as context: DestinationRules, Services,
 * ServiceEntries and Gateways of some namespaces. Istio kinds are read as {@code v1} and, on clusters older than
 * Istio 1.22, as {@code v1beta1}; a kind whose CRD is not installed reads as none.
 */
public final class ClusterConfigReader {

    private static final List<MeshKind> CONTEXT_KINDS = List.of(MeshKind.DESTINATION_RULE, MeshKind.SERVICE,
            MeshKind.SERVICE_ENTRY, MeshKind.GATEWAY);
    private static final int NOT_FOUND = 404;

    private final KubernetesClient client;

    /** @param client a client the caller owns and closes */
    public ClusterConfigReader(KubernetesClient client) {
        this.client = client;
    }

    /** The context objects of every namespace in {@code namespaces}, located in {@link SourceLocation#CLUSTER}. */
    public List<MeshResource> read(Collection<String> namespaces) throws ClusterReadException {
        List<MeshResource> resources = new ArrayList<>();
        for (String namespace : namespaces) {
            for (MeshKind kind : CONTEXT_KINDS) {
                for (GenericKubernetesResource item : list(kind, namespace)) {
                    resources.add(toResource(kind, item, namespace));
                }
            }
        }
        return resources;
    }

    /**
     * What policies need beyond {@link #read}: the Namespace objects of {@code namespaces} (their labels), the
     * ValidatingAdmissionPolicies and their bindings ({@code v1}, else {@code v1beta1}), and the ConfigMaps the
     * bindings name as params. Unlike {@link #read}, access denied is not an error: what could not be read is said in
     * {@link PolicyContext#unread()}, so a Role without these grants still validates (docs/rbac.md lists them).
     */
    public PolicyContext readPolicyContext(Collection<String> namespaces) throws ClusterReadException {
        List<MeshResource> resources = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        for (String namespace : namespaces) {
            try {
                io.fabric8.kubernetes.api.model.Namespace object = client.namespaces().withName(namespace).get();
                if (object != null) {
                    resources.add(toResource(MeshKind.NAMESPACE, generic(object), ""));
                }
            } catch (KubernetesClientException e) {
                denied(e, "Namespace " + namespace + " (get on namespaces)", unread);
            }
        }
        List<MeshResource> bindings = new ArrayList<>();
        for (MeshKind kind : List.of(MeshKind.VALIDATING_ADMISSION_POLICY, MeshKind.VALIDATING_ADMISSION_POLICY_BINDING)) {
            try {
                for (GenericKubernetesResource item : listClusterScoped(kind)) {
                    MeshResource resource = toResource(kind, item, "");
                    resources.add(resource);
                    if (kind == MeshKind.VALIDATING_ADMISSION_POLICY_BINDING) {
                        bindings.add(resource);
                    }
                }
            } catch (KubernetesClientException e) {
                denied(e, kind.plural() + " (list on " + permissionName(kind) + ")", unread);
            }
        }
        for (MeshResource binding : bindings) {
            Map<String, Object> ref = YamlValues.map(binding.spec().get("paramRef"));
            String name = YamlValues.text(ref.get("name"));
            String namespace = YamlValues.text(ref.get("namespace"));
            if (name == null || namespace == null) {
                continue;
            }
            try {
                io.fabric8.kubernetes.api.model.ConfigMap map = client.configMaps().inNamespace(namespace).withName(name)
                        .get();
                if (map != null) {
                    resources.add(toResource(MeshKind.CONFIG_MAP, generic(map), namespace));
                }
            } catch (KubernetesClientException e) {
                denied(e, "ConfigMap " + namespace + "/" + name + " (get on configmaps)", unread);
            }
        }
        return new PolicyContext(resources, unread);
    }

    /**
     * The objects policies read from a cluster, and what could not be read for lack of access.
     *
     * @param resources Namespaces, admission policies and bindings, params ConfigMaps
     * @param unread a description of each read that was denied
     */
    public record PolicyContext(List<MeshResource> resources, List<String> unread) {
    }

    private static void denied(KubernetesClientException e, String what, List<String> unread)
            throws ClusterReadException {
        if (e.getCode() == 403) {
            unread.add(what);
        } else if (e.getCode() != NOT_FOUND) {
            throw failure(what, e, what);
        }
    }

    private List<GenericKubernetesResource> listClusterScoped(MeshKind kind) {
        for (String version : List.of("v1", "v1beta1")) {
            try {
                return client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
                        .withGroup(kind.group()).withVersion(version).withKind(kind.kind()).withPlural(kind.plural())
                        .withNamespaced(false).build()).list().getItems();
            } catch (KubernetesClientException e) {
                if (e.getCode() != NOT_FOUND) {
                    throw e;
                }
            }
        }
        return List.of(); // the API is not served: no admission policies
    }

    private static GenericKubernetesResource generic(io.fabric8.kubernetes.api.model.HasMetadata object) {
        return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                io.fabric8.kubernetes.client.utils.Serialization.asJson(object), GenericKubernetesResource.class);
    }

    /**
     * The subset names of DestinationRule {@code namespace/name}, in their order; empty when it does not exist.
     * (Offered as the choices of a stable/canary build parameter.)
     */
    public List<String> subsetNames(String namespace, String name) throws ClusterReadException {
        for (String version : List.of("v1", "v1beta1")) {
            try {
                GenericKubernetesResource rule = client.genericKubernetesResources(context(MeshKind.DESTINATION_RULE,
                        version)).inNamespace(namespace).withName(name).get();
                if (rule == null) {
                    return List.of();
                }
                List<String> names = new ArrayList<>();
                Object spec = rule.getAdditionalProperties().get("spec");
                for (Object subset : YamlValues.list(YamlValues.map(spec).get("subsets"))) {
                    String subsetName = YamlValues.text(YamlValues.map(subset).get("name"));
                    if (subsetName != null) {
                        names.add(subsetName);
                    }
                }
                return names;
            } catch (KubernetesClientException e) {
                if (e.getCode() != NOT_FOUND) {
                    throw failure("DestinationRule " + namespace + "/" + name, e, "get on " + permissionName(
                            MeshKind.DESTINATION_RULE));
                }
            }
        }
        return List.of();
    }

    private List<GenericKubernetesResource> list(MeshKind kind, String namespace) throws ClusterReadException {
        List<String> versions = kind.group().startsWith("networking.istio.io") ? List.of("v1", "v1beta1")
                : List.of("v1");
        for (String version : versions) {
            try {
                return client.genericKubernetesResources(context(kind, version)).inNamespace(namespace).list()
                        .getItems();
            } catch (KubernetesClientException e) {
                if (e.getCode() != NOT_FOUND) {
                    throw failure(kind.plural() + " in namespace " + namespace, e, "list on " + permissionName(kind));
                }
            }
        }
        return List.of();
    }

    /** {@code services} for the core group, {@code destinationrules.networking.istio.io} otherwise, as RBAC says. */
    private static String permissionName(MeshKind kind) {
        return kind.group().isEmpty() ? kind.plural() : kind.plural() + "." + kind.group();
    }

    private static ClusterReadException failure(String what, KubernetesClientException e, String permission) {
        String hint = switch (e.getCode()) {
            case 401 -> "the credentials were rejected; check the kubeconfig user";
            case 403 -> "access denied; the account needs " + permission + " (see docs/rbac.md)";
            case 0 -> "the cluster did not answer; check the kubeconfig server and the network";
            default -> "the API server answered HTTP " + e.getCode();
        };
        return new ClusterReadException("cannot read " + what + ": " + hint, e);
    }

    private static ResourceDefinitionContext context(MeshKind kind, String version) {
        return new ResourceDefinitionContext.Builder().withGroup(kind.group()).withVersion(version)
                .withKind(kind.kind()).withPlural(kind.plural()).withNamespaced(true).build();
    }

    private static MeshResource toResource(MeshKind kind, GenericKubernetesResource item, String namespace) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiVersion", item.getApiVersion());
        body.put("kind", item.getKind());
        ObjectMeta meta = item.getMetadata();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", meta.getName());
        String ns = kind.clusterScoped() ? "" : meta.getNamespace() == null ? namespace : meta.getNamespace();
        if (!ns.isEmpty()) {
            metadata.put("namespace", ns);
        }
        if (meta.getLabels() != null) {
            metadata.put("labels", new LinkedHashMap<>(meta.getLabels()));
        }
        if (meta.getAnnotations() != null) {
            metadata.put("annotations", new LinkedHashMap<>(meta.getAnnotations()));
        }
        body.put("metadata", metadata);
        body.putAll(item.getAdditionalProperties());
        return new MeshResource(kind, String.valueOf(item.getApiVersion()), ns, meta.getName(), body,
                new SourceLocation(SourceLocation.CLUSTER, 0));
    }
}
