package io.jenkins.plugins.mesh.engine.traffic;

import java.util.List;
import java.util.Map;

/**
 * Reads and writes the weights of one routing API (Istio VirtualService, Gateway API HTTPRoute) on the raw object,
 * in the spirit of Flagger's router interface. Implementations do no I/O: the {@link TrafficController} fetches and
 * stores the object, the router only finds the route and changes its destination list, leaving every other field
 * (matches, retries, headers, mirrors, other routes, unknown fields) as it was.
 */
public interface Router {

    /** The API this router handles. */
    RouteKind kind();

    /**
     * Finds the route to manage: the one named {@code target.route()}, else the single route that holds both the
     * stable and the canary destination. The route must hold each of them exactly once and nothing else.
     *
     * @param object the whole object as read (apiVersion, kind, metadata, spec)
     * @throws TrafficException ({@link TrafficException.Reason#INVALID}) naming what was found, when the route is
     *     missing or ambiguous
     */
    SelectedRoute select(Map<String, Object> object, RouteTarget target);

    /** Every distinct destination of the object's HTTP routes (of the route named {@code routeOrNull} only, when
     * given), in order of appearance: what a short {@code --stable v1} can refer to. */
    List<Destination> knownDestinations(Map<String, Object> object, String routeOrNull);

    /** A deep copy of the selected route's destination entries (VirtualService {@code route}, HTTPRoute
     * {@code backendRefs}): the fields this engine manages and restores. */
    List<Map<String, Object>> destinations(Map<String, Object> object, SelectedRoute route);

    /** A deep copy of the whole selected route entry, for diffs. */
    Map<String, Object> routeEntry(Map<String, Object> object, SelectedRoute route);

    /** Replaces the selected route's destination entries in {@code object} (mutated) by a copy of {@code entries}. */
    void replaceDestinations(Map<String, Object> object, SelectedRoute route, List<Map<String, Object>> entries);

    /** A copy of {@code entries} with the canary at {@code canaryWeight} and the stable at 100 minus it; every
     * other key of each entry is kept. */
    List<Map<String, Object>> withCanaryWeight(List<Map<String, Object>> entries, RouteTarget target,
            int canaryWeight);

    /** The destinations and effective weights of {@code entries}, in order. */
    List<WeightedDestination> weights(List<Map<String, Object>> entries);
}
