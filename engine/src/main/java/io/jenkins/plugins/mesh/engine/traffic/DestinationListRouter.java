package io.jenkins.plugins.mesh.engine.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What VirtualService and HTTPRoute share: {@code spec.<routes>[i].<entries>[j]} with a destination and a
 * {@code weight} per entry. Subclasses say where the lists live and how an entry names its destination.
 */
abstract class DestinationListRouter implements Router {

    /** Routes whose name starts with this were added by Mesh Pipeline (A/B and sticky routes of a VirtualService). */
    static final String ADDED_ROUTE_PREFIX = "mesh-pipeline-";

    private final String routesKey;
    private final String entriesKey;

    DestinationListRouter(String routesKey, String entriesKey) {
        this.routesKey = routesKey;
        this.entriesKey = entriesKey;
    }

    /** The destination an entry points to, or null when it names none. */
    abstract Destination destinationOf(Map<String, Object> entry);

    /** The weight of an entry without {@code weight}, given how many entries the route has. */
    abstract int defaultWeight(int entryCount);

    /** What users call a route in this API, for messages: "HTTP route" or "rule". */
    abstract String routeNoun();

    @Override
    public SelectedRoute select(Map<String, Object> object, RouteTarget target) {
        List<Map<String, Object>> routes = routes(object, target);
        String namespace = target.namespace();
        if (target.route() != null) {
            for (int i = 0; i < routes.size(); i++) {
                if (target.route().equals(routes.get(i).get("name"))) {
                    SelectedRoute selected = selected(routes, i);
                    String problem = problem(routes.get(i), target, namespace);
                    if (problem != null) {
                        throw invalid(target.describe() + ": " + routeNoun() + " '" + target.route() + "' " + problem);
                    }
                    return selected;
                }
            }
            throw invalid(target.describe() + " has no " + routeNoun() + " named '" + target.route() + "'; found "
                    + describeRoutes(routes) + ". Fix the name or leave the route out to select the one holding "
                    + target.stable() + " and " + target.canary());
        }
        List<SelectedRoute> candidates = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            if (indexOf(routes.get(i), target.stable(), namespace) >= 0
                    && indexOf(routes.get(i), target.canary(), namespace) >= 0) {
                candidates.add(selected(routes, i));
            }
        }
        if (candidates.isEmpty()) {
            throw invalid(target.describe() + " has no " + routeNoun() + " with both the stable destination "
                    + target.stable() + " and the canary destination " + target.canary() + "; found "
                    + describeRoutes(routes) + ". Add both destinations to the route to manage (weight 100 and 0)");
        }
        if (candidates.size() > 1) {
            throw invalid(target.describe() + " has " + candidates.size() + " " + routeNoun() + "s with both "
                    + target.stable() + " and " + target.canary() + ": "
                    + candidates.stream().map(SelectedRoute::key).collect(Collectors.joining(", "))
                    + ". Name the one to manage (--route) and give it a name if it has none");
        }
        SelectedRoute selected = candidates.get(0);
        String problem = problem(routes.get(selected.index()), target, namespace);
        if (problem != null) {
            throw invalid(target.describe() + ": " + routeNoun() + " '" + selected.key() + "' " + problem);
        }
        return selected;
    }

    @Override
    public List<Destination> knownDestinations(Map<String, Object> object, String routeOrNull) {
        Object spec = object.get("spec");
        Object routes = spec instanceof Map<?, ?> map ? map.get(routesKey) : null;
        List<Destination> out = new ArrayList<>();
        if (routes instanceof List<?> list) {
            for (Map<String, Object> route : JsonTree.maps(list)) {
                if (routeOrNull == null || routeOrNull.equals(route.get("name"))) {
                    entries(route).stream().map(this::destinationOf).filter(d -> d != null && !out.contains(d))
                            .forEach(out::add);
                }
            }
        }
        return out;
    }

    @Override
    public List<Map<String, Object>> destinations(Map<String, Object> object, SelectedRoute route) {
        return JsonTree.copyList(entries(routeAt(object, route)));
    }

    @Override
    public Map<String, Object> routeEntry(Map<String, Object> object, SelectedRoute route) {
        return JsonTree.copyMap(routeAt(object, route));
    }

    @Override
    public void replaceDestinations(Map<String, Object> object, SelectedRoute route,
            List<Map<String, Object>> entries) {
        routeAt(object, route).put(entriesKey, JsonTree.copyList(entries));
    }

    @Override
    public List<Map<String, Object>> withCanaryWeight(List<Map<String, Object>> entries, RouteTarget target,
            int canaryWeight) {
        if (canaryWeight < 0 || canaryWeight > 100) {
            throw new IllegalArgumentException("the canary weight must be within 0..100, was " + canaryWeight);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> entry : entries) {
            Map<String, Object> copy = JsonTree.copyMap(entry);
            Destination destination = destinationOf(entry);
            if (destination != null && target.canary().matches(destination.host(), destination.subset(),
                    target.namespace())) {
                copy.put("weight", canaryWeight);
            } else if (destination != null && target.stable().matches(destination.host(), destination.subset(),
                    target.namespace())) {
                copy.put("weight", 100 - canaryWeight);
            }
            out.add(copy);
        }
        return out;
    }

    @Override
    public List<WeightedDestination> weights(List<Map<String, Object>> entries) {
        List<WeightedDestination> out = new ArrayList<>();
        for (Map<String, Object> entry : entries) {
            Destination destination = destinationOf(entry);
            Object weight = entry.get("weight");
            int value = weight instanceof Number n ? n.intValue() : defaultWeight(entries.size());
            out.add(new WeightedDestination(destination != null ? destination : Destination.host("?"), value));
        }
        return out;
    }

    /** The route at {@code index}, with its position among the routes Mesh Pipeline did not add. */
    private static SelectedRoute selected(List<Map<String, Object>> routes, int index) {
        int added = 0;
        for (int i = 0; i < index; i++) {
            if (isAdded(routes.get(i))) {
                added++;
            }
        }
        return new SelectedRoute(index, nameOf(routes.get(index)), index - added);
    }

    /** Whether a route is one Mesh Pipeline inserted (its name starts with {@link #ADDED_ROUTE_PREFIX}). */
    static boolean isAdded(Map<String, Object> route) {
        return nameOf(route) != null && nameOf(route).startsWith(ADDED_ROUTE_PREFIX);
    }

    /** The routes list of the object, live (changes to it change the object); empty when there is none. */
    List<Object> routeList(Map<String, Object> object) {
        Object spec = object.get("spec");
        Object routes = spec instanceof Map<?, ?> map ? map.get(routesKey) : null;
        if (!(routes instanceof List<?>)) {
            throw new IllegalStateException("the object has no spec." + routesKey + " list");
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) routes;
        return list;
    }

    /** The selected route's entry in the object, live. */
    Map<String, Object> routeMap(Map<String, Object> object, SelectedRoute route) {
        return routeAt(object, route);
    }

    /** The live destination entry of {@code side} in {@code route}; throws when the route does not hold it. */
    Map<String, Object> entryOf(Map<String, Object> route, Destination side, String namespace) {
        for (Map<String, Object> entry : entries(route)) {
            if (matches(entry, side, namespace)) {
                return entry;
            }
        }
        throw new IllegalStateException("the route no longer holds " + side);
    }

    /** The key holding the routes list: {@code http} or {@code rules}. */
    String routesKey() {
        return routesKey;
    }

    /** The key holding a route's destination entries: {@code route} or {@code backendRefs}. */
    String entriesKey() {
        return entriesKey;
    }

    /** Why this route cannot be managed, or null: each side exactly once, and nothing else. */
    private String problem(Map<String, Object> route, RouteTarget target, String namespace) {
        List<Map<String, Object>> entries = entries(route);
        List<String> found = entries.stream().map(this::describeEntry).toList();
        for (Destination side : List.of(target.stable(), target.canary())) {
            long count = entries.stream().filter(e -> matches(e, side, namespace)).count();
            if (count != 1) {
                return (count == 0 ? "does not send to " : "sends to ") + side
                        + (count == 0 ? "" : " " + count + " times") + "; its destinations are " + found
                        + ". It must hold the stable and the canary destination once each";
            }
        }
        if (entries.size() != 2) {
            return "also sends to other destinations " + found + "; only a route with exactly the stable and the "
                    + "canary destination can be managed";
        }
        return null;
    }

    private int indexOf(Map<String, Object> route, Destination side, String namespace) {
        List<Map<String, Object>> entries = entries(route);
        for (int i = 0; i < entries.size(); i++) {
            if (matches(entries.get(i), side, namespace)) {
                return i;
            }
        }
        return -1;
    }

    private boolean matches(Map<String, Object> entry, Destination side, String namespace) {
        Destination found = destinationOf(entry);
        return found != null && side.matches(found.host(), found.subset(), namespace);
    }

    private String describeEntry(Map<String, Object> entry) {
        Destination destination = destinationOf(entry);
        return destination == null ? "?" : destination.toString();
    }

    private String describeRoutes(List<Map<String, Object>> routes) {
        if (routes.isEmpty()) {
            return "no " + routeNoun() + "s at all";
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            out.add(new SelectedRoute(i, nameOf(routes.get(i))).key() + " -> "
                    + entries(routes.get(i)).stream().map(this::describeEntry).toList());
        }
        return String.join("; ", out);
    }

    private List<Map<String, Object>> routes(Map<String, Object> object, RouteTarget target) {
        Object spec = object.get("spec");
        Object routes = spec instanceof Map<?, ?> map ? map.get(routesKey) : null;
        if (!(routes instanceof List<?> list)) {
            throw invalid(target.describe() + " has no spec." + routesKey + " list: only HTTP routing can be weighted");
        }
        return JsonTree.maps(list);
    }

    private Map<String, Object> routeAt(Map<String, Object> object, SelectedRoute route) {
        Map<String, Object> spec = JsonTree.asMap(object.get("spec"));
        List<Map<String, Object>> routes = JsonTree.maps((List<?>) spec.get(routesKey));
        if (route.index() >= routes.size()) {
            throw new IllegalStateException("route " + route.key() + " is gone");
        }
        return routes.get(route.index());
    }

    private List<Map<String, Object>> entries(Map<String, Object> route) {
        Object entries = route.get(entriesKey);
        return entries instanceof List<?> list ? JsonTree.maps(list) : List.of();
    }

    private static String nameOf(Map<String, Object> route) {
        Object name = route.get("name");
        return name instanceof String s && !s.isEmpty() ? s : null;
    }

    private static TrafficException invalid(String message) {
        return new TrafficException(TrafficException.Reason.INVALID, message);
    }
}
