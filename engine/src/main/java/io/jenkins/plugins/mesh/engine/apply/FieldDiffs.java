package io.jenkins.plugins.mesh.engine.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares two object contents ({@link ObjectContent#of}) field by field: maps by key, lists by position (Istio's
 * lists have no merge keys, so the n-th route is the n-th route), scalars by value.
 */
final class FieldDiffs {

    private FieldDiffs() {
    }

    /** The differing fields from {@code before} (live) to {@code after} (files), in path order. */
    static List<FieldDiff> between(Map<String, Object> before, Map<String, Object> after) {
        List<FieldDiff> out = new ArrayList<>();
        compare("", ObjectContent.plain(before), ObjectContent.plain(after), out);
        return out;
    }

    private static void compare(String path, Object before, Object after, List<FieldDiff> out) {
        // A map or list added or removed whole is shown field by field, as terraform shows a new resource.
        if (before == null && after instanceof Map<?, ?> || after == null && before instanceof Map<?, ?>) {
            compare(path, before == null ? Map.of() : before, after == null ? Map.of() : after, out);
            return;
        }
        if (before == null && after instanceof List<?> || after == null && before instanceof List<?>) {
            compare(path, before == null ? List.of() : before, after == null ? List.of() : after, out);
            return;
        }
        if (before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
            TreeSet<String> keys = new TreeSet<>();
            b.keySet().forEach(k -> keys.add(String.valueOf(k)));
            a.keySet().forEach(k -> keys.add(String.valueOf(k)));
            for (String key : keys) {
                compare(path.isEmpty() ? key : path + "." + key, b.get(key), a.get(key), out);
            }
            return;
        }
        if (before instanceof List<?> b && after instanceof List<?> a) {
            int size = Math.max(b.size(), a.size());
            for (int i = 0; i < size; i++) {
                compare(path + "[" + i + "]", i < b.size() ? b.get(i) : null, i < a.size() ? a.get(i) : null, out);
            }
            return;
        }
        if (!Objects.equals(before, after)) {
            out.add(new FieldDiff(path, before, after));
        }
    }
}
