package io.jenkins.plugins.mesh.engine.config;

import java.util.Optional;
import java.util.Set;

/**
 * The kinds the validator understands, with the API groups and versions each is served under. Istio and Gateway API
 * kinds are validated; the others (Pods, Nodes, Namespaces, Secrets, the mesh ConfigMap, RequestAuthentications and
 * ValidatingAdmissionPolicies) are context that checks and policies look up; Sidecars are only planned and applied.
 */
public enum MeshKind {
    VIRTUAL_SERVICE("VirtualService", "networking.istio.io", "virtualservices", false),
    DESTINATION_RULE("DestinationRule", "networking.istio.io", "destinationrules", false),
    GATEWAY("Gateway", "networking.istio.io", "gateways", false),
    SERVICE_ENTRY("ServiceEntry", "networking.istio.io", "serviceentries", false),
    SERVICE("Service", "", "services", false),
    HTTP_ROUTE("HTTPRoute", "gateway.networking.k8s.io", "httproutes", false),
    /** A Gateway API Gateway, which a VirtualService may name in {@code gateways}. */
    KUBERNETES_GATEWAY("Gateway", "gateway.networking.k8s.io", "gateways", false),
    REQUEST_AUTHENTICATION("RequestAuthentication", "security.istio.io", "requestauthentications", false),
    POD("Pod", "", "pods", false),
    NODE("Node", "", "nodes", true),
    NAMESPACE("Namespace", "", "namespaces", true),
    SECRET("Secret", "", "secrets", false),
    CONFIG_MAP("ConfigMap", "", "configmaps", false),
    VALIDATING_ADMISSION_POLICY("ValidatingAdmissionPolicy", "admissionregistration.k8s.io",
            "validatingadmissionpolicies", true),
    VALIDATING_ADMISSION_POLICY_BINDING("ValidatingAdmissionPolicyBinding", "admissionregistration.k8s.io",
            "validatingadmissionpolicybindings", true),
    /** An Istio Sidecar: not validated, but planned and applied as config (engine.apply). */
    SIDECAR("Sidecar", "networking.istio.io", "sidecars", false);

    private static final Set<String> ISTIO_VERSIONS = Set.of("v1", "v1beta1", "v1alpha3");
    private static final Set<String> ADMISSION_VERSIONS = Set.of("v1", "v1beta1", "v1alpha1");
    private static final Set<String> GATEWAY_API_VERSIONS = Set.of("v1", "v1beta1");

    private final String kind;
    private final String group;
    private final String plural;
    private final boolean clusterScoped;

    MeshKind(String kind, String group, String plural, boolean clusterScoped) {
        this.kind = kind;
        this.group = group;
        this.plural = plural;
        this.clusterScoped = clusterScoped;
    }

    /** The {@code kind} field value. */
    public String kind() {
        return kind;
    }

    /** The API group, empty for the core group. */
    public String group() {
        return group;
    }

    /** The resource name in URLs. */
    public String plural() {
        return plural;
    }

    /** Whether objects of this kind have no namespace (their {@link MeshResource#namespace()} is empty). */
    public boolean clusterScoped() {
        return clusterScoped;
    }

    /** Whether the validator checks objects of this kind (rather than only looking them up). */
    public boolean validated() {
        return ordinal() <= HTTP_ROUTE.ordinal();
    }

    /** The kind as identities use it: {@code Gateway} for Istio's, {@code Gateway.gateway.networking.k8s.io} else. */
    public String qualifiedKind() {
        return this == KUBERNETES_GATEWAY ? kind + "." + group : kind;
    }

    /** The kind an {@code apiVersion}/{@code kind} pair denotes, empty for kinds the validator skips. */
    public static Optional<MeshKind> of(String apiVersion, String kind) {
        if (apiVersion == null || kind == null) {
            return Optional.empty();
        }
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        for (MeshKind candidate : values()) {
            if (!candidate.kind.equals(kind) || !candidate.group.equals(group)) {
                continue;
            }
            boolean served = switch (candidate) {
                case SERVICE, HTTP_ROUTE, POD, NODE, NAMESPACE, SECRET, CONFIG_MAP -> version.equals("v1");
                case KUBERNETES_GATEWAY -> GATEWAY_API_VERSIONS.contains(version);
                case REQUEST_AUTHENTICATION -> version.equals("v1") || version.equals("v1beta1");
                case VALIDATING_ADMISSION_POLICY, VALIDATING_ADMISSION_POLICY_BINDING ->
                        ADMISSION_VERSIONS.contains(version);
                default -> ISTIO_VERSIONS.contains(version);
            };
            return served ? Optional.of(candidate) : Optional.empty();
        }
        return Optional.empty();
    }
}
