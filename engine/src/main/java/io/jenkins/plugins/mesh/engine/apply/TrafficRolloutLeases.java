package io.jenkins.plugins.mesh.engine.apply;

import io.jenkins.plugins.mesh.engine.config.ResourceKey;
import io.jenkins.plugins.mesh.engine.traffic.RouteStatus;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link RolloutLeases} read from the route Leases rollouts take ({@link TrafficController#status}). */
public final class TrafficRolloutLeases implements RolloutLeases {

    private final TrafficController traffic;

    public TrafficRolloutLeases(TrafficController traffic) {
        this.traffic = traffic;
    }

    @Override
    public Map<ResourceKey, String> heldIn(String namespace) {
        Map<ResourceKey, String> held = new LinkedHashMap<>();
        for (RouteStatus status : traffic.status(namespace)) {
            String kind = status.target().kind().kind();
            String holder = status.holder() + " (" + status.lease() + ")";
            held.put(new ResourceKey(kind, status.target().namespace(), status.target().name()), holder);
        }
        return held;
    }
}
