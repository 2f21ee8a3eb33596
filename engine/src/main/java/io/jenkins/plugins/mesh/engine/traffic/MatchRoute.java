package io.jenkins.plugins.mesh.engine.traffic;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An A/B route: requests that meet any of the conditions (and the managed route's own match) go to the canary, all
 * others keep following the managed route's weights. On a VirtualService it is an HTTP route inserted just ahead of
 * the managed route (first match wins); on an HTTPRoute a rule appended to the route, which wins over the managed rule
 * because it matches the same paths with more headers (the Gateway API's precedence, not the order, decides).
 *
 * @param conditions what a request must meet, any one of them; at least one, no repeats
 */
public record MatchRoute(List<RequestCondition> conditions) implements RouteChange {

    static final String KIND = "match";
    /** A route holds at most this many A/B conditions (Envoy ORs them; the Gateway API allows 64 matches a rule). */
    static final int MAX_CONDITIONS = 16;

    public MatchRoute {
        Objects.requireNonNull(conditions, "conditions");
        conditions = List.copyOf(conditions);
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("an A/B route needs at least one match, e.g. header:x-canary=true or "
                    + "cookie:beta=1");
        }
        if (conditions.size() > MAX_CONDITIONS) {
            throw new IllegalArgumentException("an A/B route takes at most " + MAX_CONDITIONS + " matches, got "
                    + conditions.size());
        }
        if (new LinkedHashSet<>(conditions).size() != conditions.size()) {
            throw new IllegalArgumentException("the matches " + conditions + " repeat one: give each once");
        }
    }

    /** Parses matches as users type them ({@link RequestCondition#parse}); the first bad one throws. */
    public static MatchRoute parse(List<String> matches) {
        return new MatchRoute(matches.stream().map(RequestCondition::parse).toList());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String describe() {
        return "send requests with " + conditions.stream().map(RequestCondition::toString)
                .collect(Collectors.joining(" or ")) + " to the canary";
    }
}
