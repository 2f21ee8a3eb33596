package io.jenkins.plugins.mesh.engine.policy;

import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector ({@code matchLabels} and {@code matchExpressions} with In, NotIn, Exists and
 * DoesNotExist); an absent selector selects everything.
 */
final class LabelSelector {

    private LabelSelector() {
    }

    /** Whether {@code selector} (the raw YAML, or null) selects an object with {@code labels}. */
    static boolean matches(Object selector, Map<String, String> labels) {
        if (!(selector instanceof Map<?, ?> map)) {
            return true;
        }
        if (map.get("matchLabels") instanceof Map<?, ?> matchLabels) {
            for (Map.Entry<?, ?> entry : matchLabels.entrySet()) {
                if (!String.valueOf(entry.getValue()).equals(labels.get(String.valueOf(entry.getKey())))) {
                    return false;
                }
            }
        }
        if (map.get("matchExpressions") instanceof List<?> expressions) {
            for (Object item : expressions) {
                if (!(item instanceof Map<?, ?> expression) || !matchesExpression(expression, labels)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean matchesExpression(Map<?, ?> expression, Map<String, String> labels) {
        String key = String.valueOf(expression.get("key"));
        List<?> values = expression.get("values") instanceof List<?> l ? l : List.of();
        String value = labels.get(key);
        return switch (String.valueOf(expression.get("operator"))) {
            case "In" -> value != null && values.stream().map(String::valueOf).anyMatch(value::equals);
            case "NotIn" -> value == null || values.stream().map(String::valueOf).noneMatch(value::equals);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
        };
    }
}
