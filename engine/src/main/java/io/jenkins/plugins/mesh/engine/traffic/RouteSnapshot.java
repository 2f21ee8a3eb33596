package io.jenkins.plugins.mesh.engine.traffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Map;

/**
 * The managed part of a route before the first write: the selected route's destination entries exactly as they were
 * (with their weights, or without when the route had none), plus the object's identity. Stored as JSON in the route's
 * Lease, so a rollback from another build, process or after a restart puts back exactly this.
 *
 * @param target the route and destinations the rollout manages
 * @param apiVersion the object's apiVersion when read, e.g. {@code networking.istio.io/v1}
 * @param uid the object's uid: a restore refuses to write to a re-created object
 * @param resourceVersion the object's resourceVersion when read
 * @param route the selected route's key (its name, or {@code route-<index>})
 * @param routeIndex its position when read
 * @param destinations the destination entries (VirtualService {@code route}, HTTPRoute {@code backendRefs}) as read
 * @param takenAt when, ISO-8601
 * @param takenBy the holder identity that took it
 */
public record RouteSnapshot(RouteTarget target, String apiVersion, String uid, String resourceVersion, String route,
        int routeIndex, List<Map<String, Object>> destinations, String takenAt, String takenBy) {

    public RouteSnapshot {
        destinations = JsonTree.copyList(destinations);
    }

    /** The JSON stored in the Lease annotation. */
    public String toJson() {
        return JsonTree.write(this);
    }

    /** Reads what {@link #toJson()} wrote. */
    public static RouteSnapshot fromJson(String json) {
        try {
            return JsonTree.MAPPER.readValue(json, RouteSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the route snapshot is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
