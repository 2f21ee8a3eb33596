package io.jenkins.plugins.mesh.engine.validate;

import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IST0106 for fields Istio does not know (a typo such as {@code wieght} is silently dropped by lenient tools and
 * rejected by strict ones); suggests the closest known field.
 */
final class UnknownFieldRule implements Rule {

    private static final Set<String> TOP_LEVEL = Set.of("apiVersion", "kind", "metadata", "spec", "status");

    @Override
    public void check(MeshConfig mesh, Findings out) {
        for (MeshResource resource : mesh.resources()) {
            if (!Rule.inWorkspace(resource) || !resource.kind().validated()) {
                continue;
            }
            FieldChecker check = new FieldChecker(resource, out, FindingCode.IST0106);
            for (String key : resource.body().keySet()) {
                if (!TOP_LEVEL.contains(key)) {
                    check.error(key, "unknown field '" + key + "' at the top level" + suggestion(key, TOP_LEVEL)
                            + "; did you indent it wrongly?");
                }
            }
            walk(check, "spec", resource.body().get("spec"), IstioFieldCatalog.spec(resource.kind()));
        }
    }

    private void walk(FieldChecker check, String path, Object value, FieldShape shape) {
        if (shape.isAny()) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(check, path + "[" + i + "]", list.get(i), shape);
            }
            return;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return;
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            FieldShape field = shape.field(key);
            if (field == null) {
                check.error(path + "." + key, "unknown field '" + key + "' in " + path + suggestion(key, shape.names())
                        + "; remove it or fix the spelling");
            } else {
                walk(check, path + "." + key, entry.getValue(), field);
            }
        }
    }

    private static String suggestion(String key, Set<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int distance = distance(key.toLowerCase(java.util.Locale.ROOT),
                    candidate.toLowerCase(java.util.Locale.ROOT), bestDistance);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /** Edit distance, giving up (returning {@code limit}) once it cannot be below {@code limit}. */
    private static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) >= limit || a.length() > 64 || b.length() > 64) {
            return limit;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return Math.min(previous[b.length()], limit);
    }
}
