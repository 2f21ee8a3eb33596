package io.jenkins.plugins.mesh.simulator;

/**
 * Where a traffic model learns how the mesh routes a service: all its routes, with their matches, weights, mirrors
 * and cookies, not only the weights of one route ({@link WeightSource}). Read again on every tick by default.
 */
public interface RouteSource {

    /** The routing as it is now. */
    RoutingTable routing();

    /** A source that always answers the weights of {@code weights} as one route taking every request. */
    static RouteSource of(WeightSource weights) {
        return new RouteSource() {
            @Override
            public RoutingTable routing() {
                return RoutingTable.weighted(weights.weights());
            }

            @Override
            public String toString() {
                return weights.toString();
            }
        };
    }
}
