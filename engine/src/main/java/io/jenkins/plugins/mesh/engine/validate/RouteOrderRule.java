package io.jenkins.plugins.mesh.engine.validate;

import io.jenkins.plugins.mesh.engine.config.MatchCoverage;
import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.RouteRule;
import io.jenkins.plugins.mesh.engine.config.VirtualServiceConfig;
import io.jenkins.plugins.mesh.engine.config.YamlValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IST0130 and IST0131: HTTP routes are tried in order, so a route after one without match conditions is never
 * used, and a match condition already used by an earlier route never takes effect: a repeated one, or one whose every
 * request an earlier match takes ({@link MatchCoverage}; say, a header match after the same header's prefix match).
 */
final class RouteOrderRule implements Rule {

    @Override
    public void check(MeshConfig mesh, Findings out) {
        for (VirtualServiceConfig vs : mesh.virtualServices()) {
            if (Rule.inWorkspace(vs.resource())) {
                check(vs, out);
            }
        }
    }

    private void check(VirtualServiceConfig vs, Findings out) {
        Map<Object, RouteRule> seen = new HashMap<>();
        List<RouteRule> earlier = new ArrayList<>();
        RouteRule catchAll = null;
        for (RouteRule route : vs.http()) {
            if (catchAll != null) {
                String reason = route.matches().isEmpty() ? "only the last rule can have no matches"
                        : "rule " + catchAll.label() + " before it has no matches and takes every request";
                out.add(FindingCode.IST0130, vs.resource(), route.path(), "VirtualService rule " + route.label()
                        + " not used (" + reason + "); move it before rule " + catchAll.label() + " or remove it");
                continue;
            }
            if (route.matches().isEmpty()) {
                catchAll = route;
                continue;
            }
            int duplicates = 0;
            for (int i = 0; i < route.matches().size(); i++) {
                Object key = withoutName(route.matches().get(i));
                RouteRule first = seen.putIfAbsent(key, route);
                String coveredBy = first == null || first == route ? coveredBy(earlier, route.matches().get(i)) : null;
                if (first != null && first != route) {
                    duplicates++;
                    out.add(FindingCode.IST0131, vs.resource(), route.path() + ".match[" + i + "]", "VirtualService rule "
                            + route.label() + " match #" + i + " is not used (duplicate/overlapping match in rule "
                            + first.label() + "); remove it or make it more specific");
                } else if (coveredBy != null) {
                    duplicates++;
                    out.add(FindingCode.IST0131, vs.resource(), route.path() + ".match[" + i + "]", "VirtualService rule "
                            + route.label() + " match #" + i + " is not used (" + coveredBy + " before it takes every "
                            + "request it matches); move it before that rule or make it more specific");
                }
            }
            earlier.add(route);
            if (duplicates == route.matches().size()) {
                out.add(FindingCode.IST0130, vs.resource(), route.path(), "VirtualService rule " + route.label()
                        + " not used (all matches used by prior rules); remove it or change its matches");
            }
        }
    }

    /** {@code rule "x" match #1} when a match of an earlier rule takes every request {@code match} would, else null. */
    private static String coveredBy(List<RouteRule> earlier, Object match) {
        if (!(match instanceof Map<?, ?> later)) {
            return null;
        }
        for (RouteRule rule : earlier) {
            for (int j = 0; j < rule.matches().size(); j++) {
                if (rule.matches().get(j) instanceof Map<?, ?> before && MatchCoverage.covers(before, later)) {
                    return "rule " + rule.label() + " match #" + j;
                }
            }
        }
        return null;
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
