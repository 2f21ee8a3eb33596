package io.jenkins.plugins.mesh.engine.config;

import java.util.Optional;
import java.util.Set;

/** The kinds the validator understands, with the API groups and versions each is served under. */
public enum MeshKind {
    VIRTUAL_SERVICE("VirtualService", "networking.istio.io", "virtualservices"),
    DESTINATION_RULE("DestinationRule", "networking.istio.io", "destinationrules"),
    GATEWAY("Gateway", "networking.istio.io", "gateways"),
    SERVICE_ENTRY("ServiceEntry", "networking.istio.io", "serviceentries"),
    SERVICE("Service", "", "services"),
    HTTP_ROUTE("HTTPRoute", "gateway.networking.k8s.io", "httproutes");

    private static final Set<String> ISTIO_VERSIONS = Set.of("v1", "v1beta1", "v1alpha3");

    private final String kind;
    private final String group;
    private final String plural;

    MeshKind(String kind, String group, String plural) {
        this.kind = kind;
        this.group = group;
        this.plural = plural;
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
                case SERVICE, HTTP_ROUTE -> version.equals("v1");
                default -> ISTIO_VERSIONS.contains(version);
            };
            return served ? Optional.of(candidate) : Optional.empty();
        }
        return Optional.empty();
    }
}
