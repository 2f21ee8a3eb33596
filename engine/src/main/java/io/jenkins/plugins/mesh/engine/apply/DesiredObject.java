package io.jenkins.plugins.mesh.engine.apply;

import io.jenkins.plugins.mesh.engine.config.MeshResource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The object apply writes for a file's object: the file's object as plain JSON, with the ownership label and the
 * last-applied annotation (the hash of the content written), and, for an object a rollout holds, the live weights.
 */
final class DesiredObject {

    private DesiredObject() {
    }

    /** @param heldLive the live object when a rollout holds its weights (they are kept), else null */
    @SuppressWarnings("unchecked")
    static Map<String, Object> of(MeshResource file, Map<String, Object> heldLive) {
        Map<String, Object> body = (Map<String, Object>) ObjectContent.plain(file.body());
        if (heldLive != null) {
            RolloutWeights.keepLive(body, (Map<String, Object>) ObjectContent.plain(heldLive));
        }
        Map<String, Object> metadata = new LinkedHashMap<>(ObjectContent.map(body.get("metadata")));
        metadata.put("namespace", file.namespace());
        Map<String, Object> labels = new LinkedHashMap<>(ObjectContent.map(metadata.get("labels")));
        labels.put(ObjectContent.MANAGED_BY_LABEL, ObjectContent.MANAGED_BY);
        metadata.put("labels", labels);
        body.put("metadata", metadata);
        String hash = ObjectContent.hash(body);
        Map<String, Object> annotations = new LinkedHashMap<>(ObjectContent.map(metadata.get("annotations")));
        annotations.put(ObjectContent.LAST_APPLIED, hash);
        metadata.put("annotations", annotations);
        return body;
    }
}
