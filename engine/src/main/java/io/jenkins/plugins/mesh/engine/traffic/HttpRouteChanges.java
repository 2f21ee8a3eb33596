package io.jenkins.plugins.mesh.engine.traffic;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Route changes on a Gateway API HTTPRoute. The Gateway API picks a rule by how specific its match is, not by its
 * place: among matches of the same path and method the one with the most header matches wins, and only a tie goes
 * to the first rule in the list. So an A/B or sticky rule is appended to the route with the managed rule's matches
 * plus one header match (the header, or {@code Cookie} with a regex for a cookie): it wins over the managed rule, and
 * the managed rule keeps its index. Added rules carry no name (older CRDs drop rule names) and are found again by
 * their content. A mirror is a {@code RequestMirror} filter with {@code percent} (or {@code fraction}) on the
 * managed rule; sticky cookies a {@code ResponseHeaderModifier} filter on each backendRef.
 */
final class HttpRouteChanges extends RouteChangeEditor {

    /** The Gateway API's limits: rules per route, matches per rule, filters per rule or backendRef. */
    private static final int MAX_RULES = 16;
    private static final int MAX_MATCHES = 64;
    private static final int MAX_FILTERS = 16;
    /** Fields of the managed rule that an added rule does not copy. */
    private static final Set<String> NOT_COPIED = Set.of("name", "matches", "backendRefs", "filters");
    private static final String REQUEST_MIRROR = "RequestMirror";
    private static final String RESPONSE_HEADERS = "ResponseHeaderModifier";

    HttpRouteChanges(HttpRouteRouter router) {
        super(router);
    }

    @Override
    List<AddedPart> plan(Map<String, Object> pristine, SelectedRoute route, RouteTarget target, RouteChange change,
            RandomGenerator random) {
        Map<String, Object> managed = router.routeMap(pristine, route);
        int rules = router.routeList(pristine).size();
        if (change instanceof MatchRoute match) {
            requireRoom(target, rules, 1);
            return List.of(AddedPart.route(addedRule(managed, route, target, match.conditions(), target.canary())));
        }
        if (change instanceof CanaryMirror mirror) {
            return List.of(mirrorFilter(managed, route, target, mirror));
        }
        StickySessions sticky = (StickySessions) change;
        requireRoom(target, rules, 2);
        String canaryToken = token(random);
        String stableToken = token(random);
        return List.of(
                cookieFilter(managed, target, target.canary(), AddedPart.Scope.CANARY_ENTRY, sticky, canaryToken),
                cookieFilter(managed, target, target.stable(), AddedPart.Scope.STABLE_ENTRY, sticky, stableToken),
                AddedPart.route(addedRule(managed, route, target,
                        List.of(RequestCondition.cookie(sticky.cookie(), canaryToken)), target.canary())),
                AddedPart.route(addedRule(managed, route, target,
                        List.of(RequestCondition.cookie(sticky.cookie(), stableToken)), target.stable())));
    }

    @Override
    int defaultInsertion(List<Object> routes, SelectedRoute managed) {
        return routes.size();
    }

    @Override
    int findRoute(List<Object> routes, Object added) {
        for (int i = routes.size() - 1; i >= 0; i--) {
            if (JsonTree.contains(routes.get(i), added)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    boolean routeChanged(List<Object> routes, Object added) {
        return false;
    }

    private static void requireRoom(RouteTarget target, int rules, int more) {
        if (rules + more > MAX_RULES) {
            throw new TrafficException(TrafficException.Reason.INVALID, target.describe() + " has " + rules
                    + " rules; the Gateway API allows " + MAX_RULES + ", and this change adds " + more + ". Move "
                    + "some rules to another HTTPRoute");
        }
    }

    /** A rule sending requests that meet any of {@code conditions} (on the managed rule's paths) to {@code side}. */
    private Map<String, Object> addedRule(Map<String, Object> managed, SelectedRoute route, RouteTarget target,
            List<RequestCondition> conditions, Destination side) {
        Map<String, Object> added = new LinkedHashMap<>();
        added.put("matches", merged(managed, route, target, conditions));
        List<Map<String, Object>> filters = new ArrayList<>();
        if (managed.get("filters") instanceof List<?> list) {
            JsonTree.maps(list).stream().filter(f -> !REQUEST_MIRROR.equals(f.get("type")))
                    .forEach(f -> filters.add(JsonTree.copyMap(f)));
        }
        if (!filters.isEmpty()) {
            added.put("filters", filters);
        }
        managed.forEach((key, value) -> {
            if (!NOT_COPIED.contains(key)) {
                added.put(key, JsonTree.copyValue(value));
            }
        });
        Map<String, Object> backend = JsonTree.copyMap(router.entryOf(managed, side, target.namespace()));
        backend.remove("weight");
        added.put("backendRefs", new ArrayList<>(List.of(backend)));
        return added;
    }

    /** The managed rule's matches with each condition's header added (Gateway API: a list of header matches). */
    private static List<Map<String, Object>> merged(Map<String, Object> managed, SelectedRoute route,
            RouteTarget target, List<RequestCondition> conditions) {
        List<Map<String, Object>> out = merged(managed.get("matches"), conditions, (block, i, condition) -> {
            List<Map<String, Object>> headers = block.get("headers") instanceof List<?> h
                    ? JsonTree.copyList(JsonTree.maps(h)) : new ArrayList<>();
            if (headers.stream().anyMatch(m -> condition.headerName().equalsIgnoreCase(String.valueOf(
                    m.get("name"))))) {
                throw new TrafficException(TrafficException.Reason.INVALID, target.describe() + ": rule '"
                        + route.key() + "' match #" + i + " already tests header " + condition.headerName()
                        + ", so " + condition + " cannot be added to it; use another header or a cookie");
            }
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("type", condition.headerMatchType() == RequestCondition.MatchType.EXACT ? "Exact"
                    : "RegularExpression");
            header.put("name", condition.headerName());
            header.put("value", switch (condition.headerMatchType()) {
                case EXACT, REGEX -> condition.headerValue();
                case PREFIX -> "^" + RequestCondition.quote(condition.headerValue()) + ".*";
            });
            headers.add(header);
            block.put("headers", headers);
        });
        if (out.size() > MAX_MATCHES) {
            throw new TrafficException(TrafficException.Reason.INVALID, target.describe() + ": the added rule would "
                    + "have " + out.size() + " matches (" + conditions.size() + " conditions x the matches of rule '"
                    + route.key() + "'); the Gateway API allows " + MAX_MATCHES + ". Give fewer conditions");
        }
        return out;
    }

    private AddedPart mirrorFilter(Map<String, Object> managed, SelectedRoute route, RouteTarget target,
            CanaryMirror mirror) {
        Map<String, Object> canary = router.entryOf(managed, target.canary(), target.namespace());
        Map<String, Object> backend = new LinkedHashMap<>();
        for (String key : List.of("group", "kind", "name", "namespace", "port")) {
            if (canary.containsKey(key)) {
                backend.put(key, JsonTree.copyValue(canary.get(key)));
            }
        }
        Map<String, Object> requestMirror = new LinkedHashMap<>();
        requestMirror.put("backendRef", backend);
        BigDecimal percent = BigDecimal.valueOf(mirror.percent()).stripTrailingZeros();
        if (percent.scale() <= 0) {
            if (percent.intValue() != 100) {
                requestMirror.put("percent", percent.intValue());
            }
        } else {
            BigDecimal scale = BigDecimal.TEN.pow(percent.scale());
            Map<String, Object> fraction = new LinkedHashMap<>();
            fraction.put("numerator", percent.multiply(scale).intValue());
            fraction.put("denominator", scale.multiply(BigDecimal.valueOf(100)).intValue());
            requestMirror.put("fraction", fraction);
        }
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("type", REQUEST_MIRROR);
        filter.put("requestMirror", requestMirror);
        if (managed.get("filters") instanceof List<?> filters) {
            if (filters.size() >= MAX_FILTERS) {
                throw new TrafficException(TrafficException.Reason.INVALID, target.describe() + ": rule '"
                        + route.key() + "' has " + filters.size() + " filters, the most the Gateway API allows; "
                        + "remove one to add the mirror");
            }
            for (Map<String, Object> existing : JsonTree.maps(filters)) {
                if (REQUEST_MIRROR.equals(existing.get("type")) && existing.get("requestMirror") instanceof Map<?, ?> m
                        && m.get("backendRef") instanceof Map<?, ?> ref && backend.get("name").equals(ref.get("name"))) {
                    throw new TrafficException(TrafficException.Reason.INVALID, target.describe() + ": rule '"
                            + route.key() + "' already mirrors to the canary " + target.canary() + "; remove that "
                            + "filter or skip the mirror phase");
                }
            }
        }
        return new AddedPart(AddedPart.Scope.ROUTE, List.of("filters"), null, filter, 0);
    }

    private AddedPart cookieFilter(Map<String, Object> managed, RouteTarget target, Destination side,
            AddedPart.Scope scope, StickySessions sticky, String token) {
        Map<String, Object> backend = router.entryOf(managed, side, target.namespace());
        if (backend.get("filters") instanceof List<?> filters && JsonTree.maps(filters).stream()
                .anyMatch(f -> RESPONSE_HEADERS.equals(f.get("type")))) {
            throw new TrafficException(TrafficException.Reason.INVALID, target.describe() + ": the backendRef "
                    + side + " already has a ResponseHeaderModifier filter, and the Gateway API allows one; sticky "
                    + "sessions need it to set their cookie. Remove it, or leave --sticky out");
        }
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("name", "Set-Cookie");
        header.put("value", setCookie(sticky, token));
        Map<String, Object> modifier = new LinkedHashMap<>();
        modifier.put("add", new ArrayList<>(List.of(header)));
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("type", RESPONSE_HEADERS);
        filter.put("responseHeaderModifier", modifier);
        return new AddedPart(scope, List.of("filters"), null, filter, 0);
    }
}
