package io.jenkins.plugins.mesh.engine.traffic;

import io.jenkins.plugins.mesh.engine.config.MatchCoverage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Route changes on an Istio VirtualService. HTTP routes are tried in order, so an A/B or sticky route is an HTTP route
 * inserted just ahead of the managed one, named {@code mesh-pipeline-<purpose>-<route key>} so that it is found again
 * (and does not shift the managed route's key); it copies the managed route but for its match (the managed route's
 * conditions with the request's header or cookie added) and its destination (one side only). A mirror is
 * {@code mirror} with {@code mirrorPercentage} on the managed route, or one more entry of its {@code mirrors} list
 * when it has one. Sticky cookies are set by {@code headers.response.add} on each destination entry.
 */
final class VirtualServiceChanges extends RouteChangeEditor {

    /** Fields of the managed route that an added route does not copy: its own identity, match and destinations. */
    private static final Set<String> NOT_COPIED = Set.of("name", "match", "route", "mirror", "mirrorPercentage",
            "mirrors", "mirror_percent");
    private static final List<String> RESPONSE_ADD = List.of("headers", "response", "add");

    VirtualServiceChanges(VirtualServiceRouter router) {
        super(router);
    }

    @Override
    List<AddedPart> plan(Map<String, Object> pristine, SelectedRoute route, RouteTarget target, RouteChange change,
            RandomGenerator random) {
        Map<String, Object> managed = router.routeMap(pristine, route);
        if (change instanceof MatchRoute match) {
            return List.of(AddedPart.route(addedRoute(pristine, route, target, "match", match.conditions(),
                    target.canary())));
        }
        if (change instanceof CanaryMirror mirror) {
            return mirrorParts(managed, route, target, mirror);
        }
        StickySessions sticky = (StickySessions) change;
        String canaryToken = token(random);
        String stableToken = token(random);
        List<AddedPart> parts = new ArrayList<>();
        parts.add(cookieHeader(managed, target, target.canary(), AddedPart.Scope.CANARY_ENTRY, sticky, canaryToken));
        parts.add(cookieHeader(managed, target, target.stable(), AddedPart.Scope.STABLE_ENTRY, sticky, stableToken));
        parts.add(AddedPart.route(addedRoute(pristine, route, target, "sticky-canary",
                List.of(RequestCondition.cookie(sticky.cookie(), canaryToken)), target.canary())));
        parts.add(AddedPart.route(addedRoute(pristine, route, target, "sticky-stable",
                List.of(RequestCondition.cookie(sticky.cookie(), stableToken)), target.stable())));
        return parts;
    }

    @Override
    int defaultInsertion(List<Object> routes, SelectedRoute managed) {
        return managed.index();
    }

    @Override
    int findRoute(List<Object> routes, Object added) {
        Object name = JsonTree.asMap(added).get("name");
        for (int i = 0; i < routes.size(); i++) {
            if (routes.get(i) instanceof Map<?, ?> route && name.equals(route.get("name"))
                    && JsonTree.contains(route, added)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    boolean routeChanged(List<Object> routes, Object added) {
        Object name = JsonTree.asMap(added).get("name");
        return routes.stream().anyMatch(r -> r instanceof Map<?, ?> route && name.equals(route.get("name")));
    }

    /** An HTTP route ahead of the managed one sending requests that meet any of {@code conditions} to {@code side}. */
    private Map<String, Object> addedRoute(Map<String, Object> pristine, SelectedRoute route, RouteTarget target,
            String purpose, List<RequestCondition> conditions, Destination side) {
        Map<String, Object> managed = router.routeMap(pristine, route);
        Map<String, Object> added = new LinkedHashMap<>();
        added.put("name", DestinationListRouter.ADDED_ROUTE_PREFIX + purpose + "-" + route.key());
        List<Map<String, Object>> blocks = merged(managed, route, target, conditions);
        added.put("match", blocks);
        managed.forEach((key, value) -> {
            if (!NOT_COPIED.contains(key)) {
                added.put(key, JsonTree.copyValue(value));
            }
        });
        Map<String, Object> destination = new LinkedHashMap<>();
        destination.put("destination", JsonTree.copyValue(router.entryOf(managed, side, target.namespace())
                .get("destination")));
        added.put("route", new ArrayList<>(List.of(destination)));
        requireReachable(pristine, route, target, blocks, conditions);
        return added;
    }

    /** The managed route's matches with each condition's header added (Istio: a map of header name to match). */
    private static List<Map<String, Object>> merged(Map<String, Object> managed, SelectedRoute route,
            RouteTarget target, List<RequestCondition> conditions) {
        return merged(managed.get("match"), conditions, (block, i, condition) -> {
            for (String field : List.of("headers", "withoutHeaders")) {
                if (block.get(field) instanceof Map<?, ?> existing && existing.keySet().stream()
                        .anyMatch(k -> String.valueOf(k).toLowerCase(Locale.ROOT).equals(condition.headerName()))) {
                    throw new TrafficException(TrafficException.Reason.INVALID, target.describe() + ": HTTP route '"
                            + route.key() + "' match #" + i + " already tests header " + condition.headerName() + " ("
                            + field + "), so " + condition + " cannot be added to it; use another header or a cookie");
                }
            }
            Map<String, Object> headers = block.get("headers") instanceof Map<?, ?> h ? JsonTree.copyMap(h)
                    : new LinkedHashMap<>();
            headers.put(condition.headerName(), new LinkedHashMap<>(Map.of(condition.headerMatchType().word(),
                    condition.headerValue())));
            block.put("headers", headers);
        });
    }

    /** Refuses an added route whose match an earlier route already takes: it would never send anyone anywhere. */
    private void requireReachable(Map<String, Object> pristine, SelectedRoute route, RouteTarget target,
            List<Map<String, Object>> blocks, List<RequestCondition> conditions) {
        List<Map<String, Object>> routes = JsonTree.maps(router.routeList(pristine));
        int perCondition = blocks.size() / conditions.size();
        for (int b = 0; b < blocks.size(); b++) {
            for (int r = 0; r < route.index(); r++) {
                Map<String, Object> earlier = routes.get(r);
                List<Map<String, Object>> earlierBlocks = earlier.get("match") instanceof List<?> l && !l.isEmpty()
                        ? JsonTree.maps(l) : List.of(Map.of());
                for (int e = 0; e < earlierBlocks.size(); e++) {
                    if (MatchCoverage.covers(earlierBlocks.get(e), blocks.get(b))) {
                        throw new TrafficException(TrafficException.Reason.INVALID, target.describe() + ": requests "
                                + "with " + conditions.get(b / perCondition) + " would never reach the canary: HTTP "
                                + "route '" + new SelectedRoute(r, nameOf(earlier)).key() + "' before '"
                                + route.key() + "' takes them first (its match #" + e + "). Choose another header or "
                                + "value, or move that route after '" + route.key() + "'");
                    }
                }
            }
        }
    }

    private List<AddedPart> mirrorParts(Map<String, Object> managed, SelectedRoute route, RouteTarget target,
            CanaryMirror mirror) {
        for (String field : List.of("mirror", "mirrorPercentage", "mirror_percent")) {
            if (managed.containsKey(field)) {
                throw new TrafficException(TrafficException.Reason.INVALID, target.describe() + ": HTTP route '"
                        + route.key() + "' already has " + field + " " + managed.get(field) + ", and Istio allows one "
                        + "mirror a route. Rewrite it as a mirrors list (mirrors: [{destination: ..., percentage: "
                        + "...}]) so that the mirror to the canary can be added next to it, or remove it");
            }
        }
        Map<String, Object> destination = JsonTree.copyMap(JsonTree.asMap(
                router.entryOf(managed, target.canary(), target.namespace()).get("destination")));
        Map<String, Object> percentage = new LinkedHashMap<>(Map.of("value", mirror.percent()));
        if (managed.get("mirrors") instanceof List<?> mirrors) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("destination", destination);
            entry.put("percentage", percentage);
            for (Object existing : mirrors) {
                if (existing instanceof Map<?, ?> m && JsonTree.contains(m.get("destination"), destination)) {
                    throw new TrafficException(TrafficException.Reason.INVALID, target.describe() + ": HTTP route '"
                            + route.key() + "' already mirrors to the canary " + target.canary() + "; remove that "
                            + "mirror or skip the mirror phase");
                }
            }
            return List.of(new AddedPart(AddedPart.Scope.ROUTE, List.of("mirrors"), null, entry, 0));
        }
        return List.of(new AddedPart(AddedPart.Scope.ROUTE, List.of(), "mirror", destination, 0),
                new AddedPart(AddedPart.Scope.ROUTE, List.of(), "mirrorPercentage", percentage, 0));
    }

    private AddedPart cookieHeader(Map<String, Object> managed, RouteTarget target, Destination side,
            AddedPart.Scope scope, StickySessions sticky, String token) {
        Map<String, Object> entry = router.entryOf(managed, side, target.namespace());
        Object headers = entry.get("headers");
        Object response = headers instanceof Map<?, ?> h ? h.get("response") : null;
        Object add = response instanceof Map<?, ?> r ? r.get("add") : null;
        if (add instanceof Map<?, ?> existing && existing.keySet().stream()
                .anyMatch(k -> String.valueOf(k).equalsIgnoreCase("set-cookie"))) {
            throw new TrafficException(TrafficException.Reason.INVALID, target.describe() + ": the destination "
                    + side + " already adds a Set-Cookie header to its answers; sticky sessions need their own. "
                    + "Remove it, or leave --sticky out");
        }
        return new AddedPart(scope, RESPONSE_ADD, "set-cookie", setCookie(sticky, token), 0);
    }

    private static String nameOf(Map<String, Object> route) {
        return route.get("name") instanceof String name && !name.isEmpty() ? name : null;
    }
}
