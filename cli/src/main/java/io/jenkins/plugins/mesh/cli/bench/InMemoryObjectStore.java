package io.jenkins.plugins.mesh.cli.bench;

import io.jenkins.plugins.mesh.engine.apply.ObjectStore;
import io.jenkins.plugins.mesh.engine.config.MeshKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Objects kept in maps, indexed by kind and namespace as an API server's storage is, for measuring the planner
 * without one; counts its list calls.
 */
final class InMemoryObjectStore implements ObjectStore {

    private final Map<String, Map<String, Map<String, Object>>> objects = new LinkedHashMap<>();
    private final AtomicLong lists = new AtomicLong();
    private long version;

    @Override
    public List<Map<String, Object>> list(MeshKind kind, String namespace) {
        lists.incrementAndGet();
        return new ArrayList<>(objects.getOrDefault(bucket(kind, namespace), Map.of()).values());
    }

    @Override
    public Optional<Map<String, Object>> get(MeshKind kind, String namespace, String name) {
        return Optional.ofNullable(objects.getOrDefault(bucket(kind, namespace), Map.of()).get(name));
    }

    @Override
    public Map<String, Object> create(MeshKind kind, Map<String, Object> body) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) body.get("metadata"));
        metadata.put("resourceVersion", String.valueOf(++version));
        copy.put("metadata", metadata);
        objects.computeIfAbsent(bucket(kind, (String) metadata.get("namespace")), b -> new LinkedHashMap<>())
                .put((String) metadata.get("name"), copy);
        return copy;
    }

    @Override
    public Map<String, Object> replace(MeshKind kind, Map<String, Object> body) {
        return create(kind, body);
    }

    @Override
    public void delete(MeshKind kind, String namespace, String name, String resourceVersion) {
        objects.getOrDefault(bucket(kind, namespace), new LinkedHashMap<>()).remove(name);
    }

    /** How many list calls were made. */
    long lists() {
        return lists.get();
    }

    private static String bucket(MeshKind kind, String namespace) {
        return kind.qualifiedKind() + "/" + namespace;
    }
}
