package io.jenkins.plugins.mesh.engine.traffic;

import java.util.Map;

/** Weights of an Istio VirtualService: {@code spec.http[i].route[j].destination{host,subset}} and {@code weight}. */
public final class VirtualServiceRouter extends DestinationListRouter {

    public VirtualServiceRouter() {
        super("http", "route");
    }

    @Override
    public RouteKind kind() {
        return RouteKind.VIRTUAL_SERVICE;
    }

    @Override
    Destination destinationOf(Map<String, Object> entry) {
        Object destination = entry.get("destination");
        if (!(destination instanceof Map<?, ?> map) || !(map.get("host") instanceof String host) || host.isBlank()) {
            return null;
        }
        return new Destination(host, map.get("subset") instanceof String subset ? subset : null);
    }

    /** Istio: a sole destination takes all traffic; with several, a missing weight is 0. */
    @Override
    int defaultWeight(int entryCount) {
        return entryCount == 1 ? 100 : 0;
    }

    @Override
    String routeNoun() {
        return "HTTP route";
    }
}
