package io.jenkins.plugins.mesh.engine.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Istio's {@code exportTo}: the namespaces an object is visible in. Empty means every namespace ({@code *}), {@code .}
 * the object's own namespace; Services say it with the {@code networking.istio.io/exportTo} annotation.
 */
public final class ExportTo {

    /** The scope that stands for every namespace. */
    public static final String ALL = "*";
    /** The annotation by which a Kubernetes Service restricts where it is visible. */
    public static final String SERVICE_ANNOTATION = "networking.istio.io/exportTo";

    private ExportTo() {
    }

    /** The namespaces (or {@link #ALL}) {@code exportTo} of an object in {@code namespace} makes it visible in. */
    public static Set<String> scopes(List<String> exportTo, String namespace) {
        Set<String> scopes = new LinkedHashSet<>();
        if (exportTo.isEmpty() || exportTo.contains(ALL)) {
            scopes.add(ALL);
            return scopes;
        }
        for (String entry : exportTo) {
            String trimmed = entry.trim();
            scopes.add(trimmed.equals(".") ? namespace : trimmed);
        }
        return scopes;
    }

    /** The scopes of a Service, from its annotation (comma-separated). */
    public static Set<String> ofService(MeshResource service) {
        String annotation = service.annotations().get(SERVICE_ANNOTATION);
        List<String> entries = annotation == null || annotation.isBlank() ? List.of()
                : List.of(annotation.split(","));
        return scopes(entries, service.namespace());
    }

    /** The {@code spec.exportTo} of an Istio object, as written. */
    public static List<String> of(MeshResource resource) {
        return YamlValues.strings(resource.spec().get("exportTo"));
    }

    /** Whether an object with {@code scopes} is visible in {@code namespace}. */
    public static boolean visibleIn(Set<String> scopes, String namespace) {
        return scopes.contains(ALL) || scopes.contains(namespace);
    }
}
