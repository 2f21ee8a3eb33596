package io.jenkins.plugins.mesh.simulator;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns the match conditions of a route object into tests of a {@link SimRequest}, as the mesh applies them: Istio
 * {@code HTTPMatchRequest} ({@code uri}, {@code headers}, {@code withoutHeaders}; exact, prefix, RE2 regex on the
 * whole value) and Gateway API {@code HTTPRouteMatch} ({@code path}, {@code headers}). A condition on anything a
 * simulated request does not have (query parameters, method, source labels, ports) never holds.
 */
final class MatchConditions {

    private static final Set<String> IGNORED = Set.of("name", "ignoreUriCase", "statPrefix");

    private MatchConditions() {
    }

    /** An Istio match block. */
    static Predicate<SimRequest> istio(Map<?, ?> block) {
        List<Predicate<SimRequest>> all = new ArrayList<>();
        for (Map.Entry<?, ?> entry : block.entrySet()) {
            String field = String.valueOf(entry.getKey());
            Object value = entry.getValue();
            if (IGNORED.contains(field)) {
                continue;
            }
            switch (field) {
                case "uri" -> all.add(r -> stringMatch(value, r.path()));
                case "headers" -> namedMatches(value).forEach((name, match) -> all.add(r -> stringMatch(match,
                        r.header(name))));
                case "withoutHeaders" -> namedMatches(value).forEach((name, match) -> all.add(r -> !stringMatch(match,
                        r.header(name))));
                default -> all.add(r -> false);
            }
        }
        return r -> all.stream().allMatch(p -> p.test(r));
    }

    /** A Gateway API match: {@code path} (default PathPrefix /) and {@code headers}. */
    static Predicate<SimRequest> gateway(Map<?, ?> match) {
        List<Predicate<SimRequest>> all = new ArrayList<>();
        for (Map.Entry<?, ?> entry : match.entrySet()) {
            String field = String.valueOf(entry.getKey());
            Object value = entry.getValue();
            switch (field) {
                case "path" -> all.add(r -> pathMatch(value, r.path()));
                case "headers" -> {
                    for (Object header : value instanceof List<?> list ? list : List.of()) {
                        Map<?, ?> h = (Map<?, ?>) header;
                        String type = h.get("type") == null ? "Exact" : String.valueOf(h.get("type"));
                        String name = String.valueOf(h.get("name"));
                        String wanted = String.valueOf(h.get("value"));
                        all.add(r -> r.header(name) != null && (type.equals("RegularExpression")
                                ? Pattern.compile(wanted).matcher(r.header(name)).matches()
                                : r.header(name).equals(wanted)));
                    }
                }
                default -> all.add(r -> false);
            }
        }
        return r -> all.stream().allMatch(p -> p.test(r));
    }

    /** An Istio StringMatch ({@code exact}, {@code prefix}, {@code regex}; empty: the value is there). */
    private static boolean stringMatch(Object match, String actual) {
        if (actual == null) {
            return false;
        }
        if (!(match instanceof Map<?, ?> m) || m.isEmpty()) {
            return true;
        }
        Object exact = m.get("exact");
        Object prefix = m.get("prefix");
        Object regex = m.get("regex");
        return exact != null ? actual.equals(exact) : prefix != null ? actual.startsWith(String.valueOf(prefix))
                : regex != null && Pattern.compile(String.valueOf(regex)).matcher(actual).matches();
    }

    private static boolean pathMatch(Object match, String path) {
        Map<?, ?> m = match instanceof Map<?, ?> map ? map : Map.of();
        String type = m.get("type") == null ? "PathPrefix" : String.valueOf(m.get("type"));
        String value = m.get("value") == null ? "/" : String.valueOf(m.get("value"));
        return switch (type) {
            case "Exact" -> path.equals(value);
            case "RegularExpression" -> Pattern.compile(value).matcher(path).matches();
            default -> value.equals("/") || path.equals(value) || path.startsWith(value.endsWith("/") ? value
                    : value + "/");
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> namedMatches(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
