package io.jenkins.plugins.mesh.engine.traffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep copies, JSON text and comparison of the raw map/list trees that Kubernetes objects are made of. */
final class JsonTree {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonTree() {
    }

    static Map<String, Object> copyMap(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
        return out;
    }

    static List<Map<String, Object>> copyList(List<? extends Map<?, ?>> list) {
        List<Map<String, Object>> out = new ArrayList<>();
        list.forEach(m -> out.add(copyMap(m)));
        return out;
    }

    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            return copyMap(map);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(copy(v)));
            return out;
        }
        return value;
    }

    /** A deep copy of any JSON value (object, list or scalar). */
    static Object copyValue(Object value) {
        return copy(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalStateException("expected an object, found " + value);
        }
        return (Map<String, Object>) value;
    }

    /** The maps of {@code list}; entries that are not objects are left out. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(List<?> list) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?>) {
                out.add((Map<String, Object>) item);
            }
        }
        return out;
    }

    /** Same JSON value, whatever Java number types hold the numbers. */
    static boolean same(Object a, Object b) {
        return MAPPER.valueToTree(a).equals(MAPPER.valueToTree(b));
    }

    /**
     * Whether {@code actual} holds everything {@code expected} holds: every key of an expected object with a value
     * that holds the expected one (other keys may be there, e.g. defaults the API server added), lists of the same
     * length element by element, equal strings and booleans, numbers of equal value (5 holds 5.0).
     */
    static boolean contains(Object actual, Object expected) {
        if (expected instanceof Map<?, ?> wanted) {
            if (!(actual instanceof Map<?, ?> found)) {
                return false;
            }
            for (Map.Entry<?, ?> entry : wanted.entrySet()) {
                if (!found.containsKey(entry.getKey()) || !contains(found.get(entry.getKey()), entry.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof List<?> wanted) {
            if (!(actual instanceof List<?> found) || found.size() != wanted.size()) {
                return false;
            }
            for (int i = 0; i < wanted.size(); i++) {
                if (!contains(found.get(i), wanted.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof Number wanted) {
            return actual instanceof Number found
                    && new java.math.BigDecimal(found.toString()).compareTo(new java.math.BigDecimal(wanted.toString())) == 0;
        }
        return java.util.Objects.equals(actual, expected);
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    static List<Map<String, Object>> readList(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<List<Map<String, Object>>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read JSON: " + e.getOriginalMessage(), e);
        }
    }
}
