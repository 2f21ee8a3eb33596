package io.jenkins.plugins.mesh.engine.apply;

import io.jenkins.plugins.mesh.engine.config.MeshKind;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.SourceLocation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads the live objects a plan compares with: one list call per kind per namespace, never a GET per object, so
 * a plan of 10,000 objects in one namespace costs seven calls.
 */
public final class LiveConfigReader {

    private final ObjectStore store;

    public LiveConfigReader(ObjectStore store) {
        this.store = store;
    }

    /** Every object of {@code kinds} in {@code namespaces}, whole, located in {@link SourceLocation#CLUSTER}. */
    public List<MeshResource> read(Collection<String> namespaces, Collection<MeshKind> kinds) {
        List<MeshResource> out = new ArrayList<>();
        for (String namespace : namespaces) {
            for (MeshKind kind : kinds) {
                for (Map<String, Object> body : store.list(kind, namespace)) {
                    Map<String, Object> metadata = ObjectContent.map(body.get("metadata"));
                    String name = String.valueOf(metadata.get("name"));
                    Object ns = metadata.get("namespace");
                    out.add(new MeshResource(kind, String.valueOf(body.get("apiVersion")),
                            ns instanceof String s ? s : namespace, name, body,
                            new SourceLocation(SourceLocation.CLUSTER, 0)));
                }
            }
        }
        return out;
    }
}
