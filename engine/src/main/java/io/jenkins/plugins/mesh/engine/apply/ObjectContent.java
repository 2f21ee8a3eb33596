package io.jenkins.plugins.mesh.engine.apply;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The part of an object that config as code owns: every top-level field but {@code apiVersion}, {@code kind},
 * {@code metadata} and {@code status}, plus the labels and annotations, without the fields the API server sets
 * (resourceVersion, uid, generation, managedFields, creationTimestamp, status) and without the bookkeeping
 * annotations of Mesh Pipeline and kubectl. Two objects with the same content are the same config, whatever their
 * apiVersion; the content's hash is what the last-applied annotation records.
 */
public final class ObjectContent {

    /** The label that marks objects written by {@code mesh apply}; only such objects are ever pruned. */
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    /** The label's value, the same Leases carry. */
    public static final String MANAGED_BY = "mesh-pipeline";
    /** The hash of the content last applied (kubectl keeps the whole object in last-applied-configuration). */
    public static final String LAST_APPLIED = "mesh.jenkins.io/last-applied";

    private static final Set<String> NOT_CONTENT = Set.of("apiVersion", "kind", "metadata", "status");
    private static final List<String> BOOKKEEPING_PREFIXES = List.of("mesh.jenkins.io/",
            "kubectl.kubernetes.io/last-applied-configuration");

    private ObjectContent() {
    }

    /** The owned content of {@code body}: {@code {metadata: {labels, annotations}, spec: ..., ...}}, keys sorted. */
    public static Map<String, Object> of(Map<String, Object> body) {
        Map<String, Object> content = new TreeMap<>();
        Map<String, Object> metadata = map(body.get("metadata"));
        Map<String, Object> meta = new TreeMap<>();
        Map<String, Object> labels = new TreeMap<>(map(metadata.get("labels")));
        if (!labels.isEmpty()) {
            meta.put("labels", labels);
        }
        Map<String, Object> annotations = new TreeMap<>();
        map(metadata.get("annotations")).forEach((key, value) -> {
            if (BOOKKEEPING_PREFIXES.stream().noneMatch(key::startsWith)) {
                annotations.put(key, value);
            }
        });
        if (!annotations.isEmpty()) {
            meta.put("annotations", annotations);
        }
        if (!meta.isEmpty()) {
            content.put("metadata", meta);
        }
        body.forEach((key, value) -> {
            if (!NOT_CONTENT.contains(key) && value != null) {
                content.put(key, plain(value));
            }
        });
        return content;
    }

    /**
     * {@code sha256:<hex>} of the content's canonical JSON (keys sorted, no spaces, numbers as {@link #plain} makes
     * them), written straight into the digest: a plan hashes every object twice.
     */
    public static String hash(Map<String, Object> body) {
        MessageDigest digest = sha256();
        StringBuilder text = new StringBuilder(512);
        canonical(of(body), text);
        digest.update(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private static void canonical(Object value, StringBuilder out) {
        Object v = value instanceof Number && !(value instanceof Long) ? plain(value) : value;
        if (v instanceof Map<?, ?> map) {
            java.util.List<String> keys = new ArrayList<>(map.size());
            map.keySet().forEach(k -> keys.add(String.valueOf(k)));
            java.util.Collections.sort(keys);
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(keys.get(i), out);
                out.append(':');
                canonical(map.get(keys.get(i)), out);
            }
            out.append('}');
        } else if (v instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                canonical(list.get(i), out);
            }
            out.append(']');
        } else if (v instanceof String text) {
            string(text, out);
        } else {
            out.append(v); // null, booleans, Long, Double
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    /** The hash recorded in {@code body}'s last-applied annotation, or null. */
    public static String lastApplied(Map<String, Object> body) {
        Object value = map(map(body.get("metadata")).get("annotations")).get(LAST_APPLIED);
        return value instanceof String s ? s : null;
    }

    /** Whether {@code body} carries the ownership label, i.e. {@code mesh apply} wrote it. */
    public static boolean owned(Map<String, Object> body) {
        return MANAGED_BY.equals(map(map(body.get("metadata")).get("labels")).get(MANAGED_BY_LABEL));
    }

    /** Plain maps and lists (insertion order kept), numbers normalised so 5 and 5.0 compare equal. */
    static Object plain(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(v -> copy.add(plain(v)));
            return copy;
        }
        if (value instanceof Number n && !(value instanceof Long)) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
                return (long) d;
            }
            return d;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
