package io.jenkins.plugins.mesh.engine.policy;

import dev.cel.common.values.NullValue;
import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables an expression sees for one object, as an admission request would give them: {@code object}, its
 * {@code namespaceObject} (the Namespace read from the files or the cluster; else one with only its name, and
 * {@link #namespaceKnown} false), {@code request} (a create of the object), {@code oldObject} null. Objects are
 * converted to CEL values once, however many rules read them.
 */
final class PolicyInputs {

    private final MeshConfig mesh;
    private final Map<MeshResource, Object> converted = new IdentityHashMap<>();
    private final Map<String, Object> namespaces = new HashMap<>();

    PolicyInputs(MeshConfig mesh) {
        this.mesh = mesh;
    }

    /** Whether the Namespace of {@code resource} was read, so its labels are known. */
    boolean namespaceKnown(MeshResource resource) {
        return resource.namespace().isEmpty() || mesh.namespace(resource.namespace()) != null;
    }

    /** The variables for {@code resource}, with {@code params} and {@code variables} as given. */
    Map<String, Object> of(MeshResource resource, Object params, Map<String, Object> variables) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("object", converted.computeIfAbsent(resource, r -> CelValues.of(r.body())));
        inputs.put("oldObject", NullValue.NULL_VALUE);
        inputs.put("namespaceObject", namespaceObject(resource.namespace()));
        inputs.put("request", request(resource));
        inputs.put("params", params == null ? NullValue.NULL_VALUE : params);
        inputs.put("variables", variables);
        return inputs;
    }

    /** The CEL value of any object (a params object). */
    Object value(MeshResource resource) {
        return converted.computeIfAbsent(resource, r -> CelValues.of(r.body()));
    }

    private Object namespaceObject(String namespace) {
        if (namespace.isEmpty()) {
            return NullValue.NULL_VALUE;
        }
        return namespaces.computeIfAbsent(namespace, ns -> {
            MeshResource object = mesh.namespace(ns);
            if (object != null) {
                Map<String, Object> value = new LinkedHashMap<>();
                @SuppressWarnings("unchecked")
                Map<String, Object> body = (Map<String, Object>) CelValues.of(object.body());
                value.putAll(body);
                ensureMetadata(value, ns);
                return value;
            }
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("apiVersion", "v1");
            value.put("kind", "Namespace");
            ensureMetadata(value, ns);
            return value;
        });
    }

    /** Labels and annotations are always there (empty when none), so rules can test them with {@code in}. */
    @SuppressWarnings("unchecked")
    private static void ensureMetadata(Map<String, Object> namespace, String name) {
        Object metadata = namespace.get("metadata");
        Map<String, Object> map = metadata instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m)
                : new LinkedHashMap<>();
        map.putIfAbsent("name", name);
        if (!(map.get("labels") instanceof Map<?, ?>)) {
            map.put("labels", new LinkedHashMap<>());
        }
        if (!(map.get("annotations") instanceof Map<?, ?>)) {
            map.put("annotations", new LinkedHashMap<>());
        }
        namespace.put("metadata", map);
    }

    private static Map<String, Object> request(MeshResource resource) {
        String apiVersion = resource.apiVersion();
        int slash = apiVersion.indexOf('/');
        Map<String, Object> kind = new LinkedHashMap<>();
        kind.put("group", slash < 0 ? "" : apiVersion.substring(0, slash));
        kind.put("version", apiVersion.substring(slash + 1));
        kind.put("kind", resource.kind().kind());
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("operation", "CREATE");
        request.put("kind", kind);
        request.put("resource", Map.of("group", kind.get("group"), "version", kind.get("version"), "resource",
                resource.kind().plural()));
        request.put("name", resource.name());
        request.put("namespace", resource.namespace());
        request.put("dryRun", true);
        return request;
    }
}
