package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.config.YamlValues.list;
import static io.jenkins.plugins.mesh.engine.config.YamlValues.map;

import io.jenkins.plugins.mesh.engine.config.MatchCoverage;
import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.MeshKind;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.YamlValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IST0130 and IST0131: routes (http, tcp and tls) are tried in order, so a route after one without match conditions
 * is never used, and a match condition already used by an earlier route never takes effect. For HTTP, a URI prefix
 * match is also ineffective when an earlier prefix match covers it with the same port, method, authority, headers
 * and query parameters (a match without method matches GET), as {@code istioctl analyze} finds, and any match
 * whose every request an earlier match takes ({@link MatchCoverage}; say, a header match after the same header's
 * prefix match).
 */
final class RouteOrderRule implements Rule {

    @Override
    public void check(MeshConfig mesh, Findings out) {
        for (MeshResource resource : mesh.resources()) {
            if (resource.kind() == MeshKind.VIRTUAL_SERVICE && Rule.inWorkspace(resource)) {
                for (String protocol : List.of("http", "tcp", "tls")) {
                    check(resource, protocol, out);
                }
            }
        }
    }

    private void check(MeshResource resource, String protocol, Findings out) {
        List<Object> routes = list(resource.spec().get(protocol));
        boolean http = protocol.equals("http");
        Map<Object, Integer> seen = new HashMap<>();
        List<PrefixMatch> prefixes = new ArrayList<>();
        List<String[]> earlierLabels = new ArrayList<>();
        List<Map<?, ?>> earlierMatches = new ArrayList<>();
        int catchAll = -1;
        for (int r = 0; r < routes.size(); r++) {
            Map<String, Object> route = map(routes.get(r));
            String path = "spec." + protocol + "[" + r + "]";
            String label = label(route, r, http);
            List<Object> matches = list(route.get("match"));
            if (catchAll >= 0) {
                String reason = matches.isEmpty() ? "only the last rule can have no matches"
                        : "rule " + label(map(routes.get(catchAll)), catchAll, http) + " before it has no matches and "
                                + "takes every request";
                out.add(FindingCode.IST0130, resource, path, "VirtualService rule " + label + " not used (" + reason
                        + "); move it before rule " + label(map(routes.get(catchAll)), catchAll, http) + " or remove it");
                continue;
            }
            if (matches.isEmpty()) {
                catchAll = r;
                continue;
            }
            int duplicates = 0;
            int before = earlierMatches.size();
            for (int m = 0; m < matches.size(); m++) {
                Integer first = seen.putIfAbsent(withoutName(matches.get(m)), r);
                String coveredBy = first == null && http ? coveredBy(earlierLabels, earlierMatches, before,
                        matches.get(m)) : null;
                if (first != null) {
                    duplicates++;
                    out.add(FindingCode.IST0131, resource, path + ".match[" + m + "]", "VirtualService rule " + label
                            + " match " + matchLabel(matches.get(m), m) + " is not used (duplicate/overlapping match in "
                            + "rule " + label(map(routes.get(first)), first, http) + "); remove it or make it more "
                            + "specific");
                } else if (coveredBy != null) {
                    // IST0131 only: istioctl analyze reports a whole rule (IST0130) for repeated matches alone
                    out.add(FindingCode.IST0131, resource, path + ".match[" + m + "]", "VirtualService rule " + label
                            + " match " + matchLabel(matches.get(m), m) + " is not used (" + coveredBy + " before it "
                            + "takes every request it matches); move it before that rule or make it more specific");
                } else if (http) {
                    PrefixMatch prefix = PrefixMatch.of(map(matches.get(m)), label, matchLabel(matches.get(m), m),
                            path + ".match[" + m + "]");
                    if (prefix != null) {
                        prefixes.add(prefix);
                    }
                }
            }
            for (int m = 0; m < matches.size(); m++) {
                if (matches.get(m) instanceof Map<?, ?> match) {
                    earlierMatches.add(match);
                    earlierLabels.add(new String[] {label, matchLabel(match, m)});
                }
            }
            if (duplicates == matches.size()) {
                out.add(FindingCode.IST0130, resource, path, "VirtualService rule " + label + " not used (all matches "
                        + "used by prior rules); remove it or change its matches");
            }
        }
        for (int a = 0; a < prefixes.size(); a++) {
            for (int b = a + 1; b < prefixes.size(); b++) {
                PrefixMatch earlier = prefixes.get(a);
                PrefixMatch later = prefixes.get(b);
                if (!later.prefix().equals(earlier.prefix()) && earlier.covers(later)) {
                    out.add(FindingCode.IST0131, resource, later.path(), "VirtualService rule " + later.route()
                            + " match " + later.match() + " of prefix " + later.prefix() + " is not used (duplicate/"
                            + "overlapping match in rule " + earlier.match() + " of prefix " + earlier.prefix() + " on "
                            + earlier.route() + "); put the longer prefix first");
                }
            }
        }
    }

    /**
     * {@code rule "x" match #1} when a match of an earlier rule (the first {@code count} of {@code matches}) takes
     * every request {@code match} would ({@link MatchCoverage}), else null.
     */
    private static String coveredBy(List<String[]> labels, List<Map<?, ?>> matches, int count, Object match) {
        if (!(match instanceof Map<?, ?> later)) {
            return null;
        }
        for (int j = 0; j < count; j++) {
            if (MatchCoverage.covers(matches.get(j), later)) {
                return "rule " + labels.get(j)[0] + " match " + labels.get(j)[1];
            }
        }
        return null;
    }

    private static String label(Map<String, Object> route, int index, boolean http) {
        String name = http ? YamlValues.text(route.get("name")) : null;
        return name != null ? "\"" + name + "\"" : "#" + index;
    }

    private static String matchLabel(Object match, int index) {
        String name = YamlValues.text(map(match).get("name"));
        return name != null ? "\"" + name + "\"" : "#" + index;
    }

    /** The match without its {@code name}, which does not change what it matches. */
    private static Object withoutName(Object match) {
        if (!(match instanceof Map<?, ?>)) {
            return match;
        }
        Map<String, Object> copy = new LinkedHashMap<>(YamlValues.map(match));
        copy.remove("name");
        return copy;
    }
}
