package io.jenkins.plugins.mesh.engine.policy;

import io.jenkins.plugins.mesh.engine.config.MeshResource;
import java.util.List;
import java.util.Map;

/**
 * The {@code resourceRules} of an admission policy's match constraints: API groups, versions, resources (plural, or
 * {@code *}) and operations; applying config is a CREATE or an UPDATE.
 */
final class ResourceRules {

    private ResourceRules() {
    }

    /** Whether a rule of {@code rules} takes {@code resource}; {@code whenAbsent} when there are no rules. */
    static boolean matches(Object rules, MeshResource resource, boolean whenAbsent) {
        if (!(rules instanceof List<?> list) || list.isEmpty()) {
            return whenAbsent;
        }
        String apiVersion = resource.apiVersion();
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        for (Object item : list) {
            if (item instanceof Map<?, ?> rule && takes(rule.get("apiGroups"), group)
                    && takes(rule.get("apiVersions"), version) && takes(rule.get("resources"), resource.kind().plural())
                    && (takes(rule.get("operations"), "CREATE") || takes(rule.get("operations"), "UPDATE"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean takes(Object values, String value) {
        if (!(values instanceof List<?> list)) {
            return false;
        }
        return list.stream().map(String::valueOf).anyMatch(v -> v.equals("*") || v.equals(value));
    }
}
