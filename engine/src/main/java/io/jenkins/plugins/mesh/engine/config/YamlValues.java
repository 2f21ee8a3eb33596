package io.jenkins.plugins.mesh.engine.config;

import java.util.List;
import java.util.Map;

/**
 * Safe reads from the raw maps YAML and JSON decode to: a value of the wrong type reads as absent, so the
 * read model never throws on malformed input (the schema rules report the wrong type instead).
 */
public final class YamlValues {

    private YamlValues() {
    }

    /** {@code value} as a map, or an empty map when it is not one. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** {@code value} as a list, or an empty list when it is not one. */
    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** {@code value} as a string when it is a scalar string, else {@code null}. */
    public static String string(Object value) {
        return value instanceof String s ? s : null;
    }

    /** {@code value} as a non-empty string, else {@code null}. */
    public static String text(Object value) {
        return value instanceof String s && !s.isEmpty() ? s : null;
    }

    /** Each string of {@code value} when it is a list; other items are left out. */
    public static List<String> strings(Object value) {
        return list(value).stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
}
