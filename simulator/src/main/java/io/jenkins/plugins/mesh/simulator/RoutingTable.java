package io.jenkins.plugins.mesh.simulator;

import java.util.List;
import java.util.Map;

/**
 * How the mesh routes the requests to one service, as read from its route object: the routes in the order the mesh
 * tries them (a VirtualService's order; an HTTPRoute's rules sorted by the Gateway API's precedence). A request goes
 * to the first route that takes it; one that no route takes is answered by nobody the model knows.
 *
 * @param routes the routes, tried in order
 */
public record RoutingTable(List<TableRoute> routes) {

    public RoutingTable {
        routes = List.copyOf(routes);
    }

    /** One route taking every request and splitting it by {@code weights}: what a {@link WeightSource} says. */
    public static RoutingTable weighted(Map<String, Double> weights) {
        return new RoutingTable(List.of(new TableRoute("weights", List.of(), weights, Map.of(), Map.of())));
    }

    /** The route that takes {@code request}, or null. */
    public TableRoute resolve(SimRequest request) {
        for (TableRoute route : routes) {
            if (route.takes(request)) {
                return route;
            }
        }
        return null;
    }
}
