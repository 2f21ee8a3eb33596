package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.config.YamlValues.map;

import io.jenkins.plugins.mesh.engine.config.YamlValues;
import java.util.HashMap;
import java.util.Map;

/**
 * An HTTP match on a URI prefix, reduced to what decides whether an earlier one covers it: port, method (GET when
 * none is given), authority, headers, query parameters and absent headers, each an exact or prefix value.
 */
record PrefixMatch(String route, String match, String path, String prefix, Object port, String method,
        String authority, Map<String, String> headers, Map<String, String> queryParams,
        Map<String, String> withoutHeaders) {

    /** The prefix match of {@code match}, or null when it does not match the URI by prefix. */
    static PrefixMatch of(Map<String, Object> match, String route, String label, String path) {
        String prefix = YamlValues.text(map(match.get("uri")).get("prefix"));
        if (prefix == null) {
            return null;
        }
        String method = value(match.get("method"));
        return new PrefixMatch(route, label, path, prefix, match.get("port"), method.isEmpty() ? "exact:GET" : method,
                value(match.get("authority")), values(match.get("headers")), values(match.get("queryParams")),
                values(match.get("withoutHeaders")));
    }

    private static String value(Object stringMatch) {
        Map<String, Object> value = map(stringMatch);
        String exact = YamlValues.text(value.get("exact"));
        if (exact != null) {
            return "exact:" + exact;
        }
        String prefix = YamlValues.text(value.get("prefix"));
        return prefix != null ? "prefix:" + prefix : "";
    }

    private static Map<String, String> values(Object matches) {
        Map<String, String> values = new HashMap<>();
        map(matches).forEach((name, match) -> values.put(name, value(match)));
        return values;
    }

    /** Whether every request {@code later} matches is matched by this earlier match first. */
    boolean covers(PrefixMatch later) {
        if (!later.prefix.startsWith(prefix) || !java.util.Objects.equals(port, later.port)) {
            return false;
        }
        return coveredValue(method, later.method) && coveredValue(authority, later.authority)
                && coveredValues(headers, later.headers) && coveredValues(queryParams, later.queryParams)
                && coveredValues(withoutHeaders, later.withoutHeaders);
    }

    private static boolean coveredValue(String earlier, String later) {
        return earlier.equals(later) || earlier.startsWith(later);
    }

    private static boolean coveredValues(Map<String, String> earlier, Map<String, String> later) {
        if (earlier.size() != later.size()) {
            return false;
        }
        for (Map.Entry<String, String> entry : earlier.entrySet()) {
            String other = later.get(entry.getKey());
            if (other == null || !coveredValue(entry.getValue(), other)) {
                return false;
            }
        }
        return true;
    }
}
