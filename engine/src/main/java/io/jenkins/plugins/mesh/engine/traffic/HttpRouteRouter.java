package io.jenkins.plugins.mesh.engine.traffic;

import java.util.Map;

/** Weights of a Gateway API HTTPRoute: {@code spec.rules[i].backendRefs[j]} with {@code name} and {@code weight}. */
public final class HttpRouteRouter extends DestinationListRouter {

    public HttpRouteRouter() {
        super("rules", "backendRefs");
    }

    @Override
    public RouteKind kind() {
        return RouteKind.HTTP_ROUTE;
    }

    @Override
    Destination destinationOf(Map<String, Object> entry) {
        return entry.get("name") instanceof String name && !name.isBlank() ? Destination.host(name) : null;
    }

    /** Gateway API: weight defaults to 1. */
    @Override
    int defaultWeight(int entryCount) {
        return 1;
    }

    @Override
    String routeNoun() {
        return "rule";
    }
}
