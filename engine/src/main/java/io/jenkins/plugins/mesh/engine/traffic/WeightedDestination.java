package io.jenkins.plugins.mesh.engine.traffic;

/**
 * A destination of a route with its weight as the route states it (a missing weight counts as Istio and the Gateway
 * API count it: all traffic for a sole Istio destination, else 0 for Istio and 1 for an HTTPRoute).
 */
public record WeightedDestination(Destination destination, int weight) {

    @Override
    public String toString() {
        return destination + "=" + weight;
    }
}
