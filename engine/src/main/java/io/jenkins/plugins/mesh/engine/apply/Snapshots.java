package io.jenkins.plugins.mesh.engine.apply;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What of a live object a snapshot keeps: everything but status and the fields the API server sets. */
final class Snapshots {

    private static final List<String> SERVER_SET = List.of("uid", "generation", "managedFields",
            "creationTimestamp", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");

    private Snapshots() {
    }

    /** The object without status and server-set metadata (resourceVersion is kept: it is what was read). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> strip(Map<String, Object> live) {
        Map<String, Object> copy = (Map<String, Object>) ObjectContent.plain(live);
        copy.remove("status");
        Map<String, Object> metadata = new LinkedHashMap<>(ObjectContent.map(copy.get("metadata")));
        SERVER_SET.forEach(metadata::remove);
        copy.put("metadata", metadata);
        return copy;
    }

    /** {@code body} to write over (or in place of) the live object: the snapshot at {@code resourceVersion}. */
    static Map<String, Object> at(Map<String, Object> body, String resourceVersionOrNull) {
        Map<String, Object> copy = strip(body);
        Map<String, Object> metadata = ObjectContent.map(copy.get("metadata"));
        if (resourceVersionOrNull == null) {
            metadata.remove("resourceVersion");
        } else {
            metadata.put("resourceVersion", resourceVersionOrNull);
        }
        return copy;
    }

    /** The resourceVersion of {@code body}, or null. */
    static String resourceVersion(Map<String, Object> body) {
        Object value = ObjectContent.map(body.get("metadata")).get("resourceVersion");
        return value instanceof String s ? s : null;
    }
}
