package io.jenkins.plugins.mesh.engine.config;

import java.util.Map;

/**
 * One Kubernetes object as read, kept whole: its raw body (so unknown and future fields are never lost), its
 * identity, and where it came from. Bodies read from YAML remember the line of every field ({@link #lineOf}).
 *
 * @param kind what the object is
 * @param apiVersion as written, e.g. {@code networking.istio.io/v1beta1}
 * @param namespace {@code metadata.namespace}, or the default namespace when absent
 * @param name {@code metadata.name}
 * @param body the whole object as maps, lists and scalars
 * @param location the file and line of the document, or {@link SourceLocation#CLUSTER} for live objects
 */
public record MeshResource(MeshKind kind, String apiVersion, String namespace, String name, Map<String, Object> body,
        SourceLocation location) {

    /** The identity used to merge workspace and live objects. */
    public ResourceKey key() {
        return new ResourceKey(kind.qualifiedKind(), namespace, name);
    }

    /** {@code spec}, empty when absent or not a mapping. */
    public Map<String, Object> spec() {
        return YamlValues.map(body.get("spec"));
    }

    /** {@code Kind namespace/name}, the way messages name an object. */
    public String displayName() {
        return kind.kind() + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }

    /** {@code metadata.labels} (string values only), empty when absent. */
    public Map<String, String> labels() {
        return stringMap(YamlValues.map(body.get("metadata")).get("labels"));
    }

    /** {@code metadata.annotations} (string values only), empty when absent. */
    public Map<String, String> annotations() {
        return stringMap(YamlValues.map(body.get("metadata")).get("annotations"));
    }

    private static Map<String, String> stringMap(Object value) {
        Map<String, String> strings = new java.util.LinkedHashMap<>();
        YamlValues.map(value).forEach((k, v) -> {
            if (v instanceof String s) {
                strings.put(k, s);
            }
        });
        return strings;
    }

    /**
     * The line of the field at {@code path} (e.g. {@code spec.http[0].route[1].weight}) or of its nearest parent
     * that has one; the document's line when the body carries no lines (live objects) or the path is empty.
     */
    public int lineOf(String path) {
        int best = location.line();
        Object current = body;
        int i = 0;
        while (i < path.length() && current != null) {
            char c = path.charAt(i);
            if (c == '.') {
                i++;
                continue;
            }
            if (c == '[') {
                int end = path.indexOf(']', i);
                if (end < 0 || !(current instanceof LocatedList list)) {
                    break;
                }
                int index = parseIndex(path.substring(i + 1, end));
                if (index < 0 || index >= list.size()) {
                    break;
                }
                best = positive(list.lineOf(index), best);
                current = list.get(index);
                i = end + 1;
                continue;
            }
            int end = i;
            while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                end++;
            }
            String key = path.substring(i, end);
            if (!(current instanceof LocatedMap map) || !map.containsKey(key)) {
                break;
            }
            best = positive(map.lineOf(key), best);
            current = map.get(key);
            i = end;
        }
        return best;
    }

    private static int positive(int line, int fallback) {
        return line > 0 ? line : fallback;
    }

    private static int parseIndex(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
