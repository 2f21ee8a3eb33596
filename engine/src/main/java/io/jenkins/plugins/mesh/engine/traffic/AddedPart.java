package io.jenkins.plugins.mesh.engine.traffic;

import java.util.List;
import java.util.Objects;

/**
 * One piece a {@link RouteChange} added to a route object, with what is needed to find it again and take exactly it
 * away: where it sits, what it is, and which of its containers the addition created (removed again when they are
 * left empty, so the object ends as it was found).
 *
 * @param scope what {@code path} starts from
 * @param path map keys from the scope down to the container of the piece: a map when {@code key} is set, else a list
 *     (the last key names the list); empty for {@link Scope#ROUTES}
 * @param key the key added to that map, or null when the piece is an element of a list
 * @param value what was added, as written (the API server may add defaults around it; finding it allows for that)
 * @param created how many of {@code path}'s trailing containers did not exist before (0 to {@code path.size()})
 */
public record AddedPart(Scope scope, List<String> path, String key, Object value, int created) {

    /** Where a part's path starts. */
    public enum Scope {
        /** The object's list of HTTP routes (VirtualService {@code spec.http}, HTTPRoute {@code spec.rules}). */
        ROUTES,
        /** The managed route. */
        ROUTE,
        /** The stable's destination entry in the managed route. */
        STABLE_ENTRY,
        /** The canary's destination entry in the managed route. */
        CANARY_ENTRY
    }

    public AddedPart {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(value, "value");
        path = List.copyOf(path);
        if (created < 0 || created > path.size()) {
            throw new IllegalArgumentException("created must be within 0.." + path.size() + ", was " + created);
        }
        if (scope == Scope.ROUTES && (!path.isEmpty() || key != null)) {
            throw new IllegalArgumentException("a route added to the routes list has no path or key");
        }
        if (key == null && scope != Scope.ROUTES && path.isEmpty()) {
            throw new IllegalArgumentException("a list element needs the path to its list");
        }
    }

    /** A route added to the object's routes list. */
    static AddedPart route(Object route) {
        return new AddedPart(Scope.ROUTES, List.of(), null, route, 0);
    }

    /** Where it is, for messages: {@code canary entry headers.response.add.set-cookie}. */
    String where() {
        String at = String.join(".", path) + (key == null ? "[]" : (path.isEmpty() ? "" : ".") + key);
        return switch (scope) {
            case ROUTES -> "route";
            case ROUTE -> at;
            case STABLE_ENTRY -> "stable destination " + at;
            case CANARY_ENTRY -> "canary destination " + at;
        };
    }
}
