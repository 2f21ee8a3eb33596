package io.jenkins.plugins.mesh.engine.traffic;

import java.util.List;

/** The routing APIs whose weights Mesh Pipeline sets, with the API versions it understands, newest first. */
public enum RouteKind {
    VIRTUAL_SERVICE("VirtualService", "networking.istio.io", "virtualservices", "vs",
            List.of("v1", "v1beta1", "v1alpha3")),
    HTTP_ROUTE("HTTPRoute", "gateway.networking.k8s.io", "httproutes", "hr", List.of("v1", "v1beta1"));

    private final String kind;
    private final String group;
    private final String plural;
    private final String shortName;
    private final List<String> versions;

    RouteKind(String kind, String group, String plural, String shortName, List<String> versions) {
        this.kind = kind;
        this.group = group;
        this.plural = plural;
        this.shortName = shortName;
        this.versions = versions;
    }

    /** The Kubernetes kind, e.g. {@code VirtualService}. */
    public String kind() {
        return kind;
    }

    public String group() {
        return group;
    }

    public String plural() {
        return plural;
    }

    /** Short name used in Lease names: {@code vs} or {@code hr}. */
    public String shortName() {
        return shortName;
    }

    /** Versions this engine reads and writes, preferred first. */
    public List<String> versions() {
        return versions;
    }
}
