package io.jenkins.plugins.mesh.engine.apply;

import io.jenkins.plugins.mesh.engine.config.MeshKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster as config as code reads and writes it: whole objects as JSON maps. Writes carry the
 * resourceVersion read; a stale one is a {@link StaleObjectException}, never a silent overwrite.
 */
public interface ObjectStore {

    /** Every object of {@code kind} in {@code namespace}, with one list call; empty when the kind is not served. */
    List<Map<String, Object>> list(MeshKind kind, String namespace);

    /** The object, or empty when it does not exist. */
    Optional<Map<String, Object>> get(MeshKind kind, String namespace, String name);

    /** Creates {@code body}; throws {@link StaleObjectException} when an object of that name exists. */
    Map<String, Object> create(MeshKind kind, Map<String, Object> body);

    /** Replaces the object (a PUT with {@code metadata.resourceVersion} of {@code body}). */
    Map<String, Object> replace(MeshKind kind, Map<String, Object> body);

    /** Deletes the object if it is still at {@code resourceVersion}; an object already gone counts as deleted. */
    void delete(MeshKind kind, String namespace, String name, String resourceVersion);
}
