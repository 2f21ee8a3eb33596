package io.jenkins.plugins.mesh.engine.traffic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Adds {@link RouteChange}s to a route object and takes them away again, as pure edits of the raw tree (no I/O). A
 * subclass per API says what a change is made of ({@link #plan}) and where an added route goes; this class puts the
 * parts in, finds them again, and removes exactly them, containers it created included.
 */
abstract class RouteChangeEditor {

    /** Whether a recorded change is in an object. */
    enum Presence {
        /** Every part is there as written (the API server's defaults around it aside). */
        PRESENT,
        /** No part is there. */
        ABSENT,
        /** Some parts are missing or differ: someone edited what Mesh Pipeline added. */
        CHANGED
    }

    final DestinationListRouter router;

    RouteChangeEditor(DestinationListRouter router) {
        this.router = router;
    }

    /**
     * The parts that make up {@code change} on {@code pristine}, the object with every change of the rollout taken
     * away (so copies of the managed route hold nothing of another change). Writes nothing.
     *
     * @throws TrafficException INVALID, saying why, when the route cannot take the change
     */
    abstract List<AddedPart> plan(Map<String, Object> pristine, SelectedRoute route, RouteTarget target,
            RouteChange change, RandomGenerator random);

    /** Where an added route goes when no change of the rollout is in the way. */
    abstract int defaultInsertion(List<Object> routes, SelectedRoute managed);

    /** The index of the route that is {@code added}, or -1. */
    abstract int findRoute(List<Object> routes, Object added);

    /** Whether a route that should be {@code added} is there but was edited. */
    abstract boolean routeChanged(List<Object> routes, Object added);

    /** Puts the parts of {@code change} into {@code object} (mutated) and returns the record of what was added. */
    AppliedChange add(Map<String, Object> object, RouteTarget target, RouteChange change, List<AddedPart> parts,
            List<AppliedChange> active) {
        List<AddedPart> added = new ArrayList<>();
        for (AddedPart part : parts) {
            if (part.scope() == AddedPart.Scope.ROUTES) {
                List<Object> routes = router.routeList(object);
                routes.add(insertion(routes, router.select(object, target), change, active),
                        JsonTree.copyValue(part.value()));
                added.add(part);
            } else {
                added.add(addValue(root(object, target, part.scope()), part, target));
            }
        }
        return new AppliedChange(change, added, AppliedChange.State.ADDING);
    }

    /** Whether {@code change} is in {@code object}: all of it, none of it, or an edited part of it. */
    Presence presence(Map<String, Object> object, RouteTarget target, AppliedChange change) {
        int present = 0;
        int absent = 0;
        for (AddedPart part : change.parts()) {
            Presence one = presence(object, target, part);
            if (one == Presence.PRESENT) {
                present++;
            } else if (one == Presence.ABSENT) {
                absent++;
            }
        }
        return present == change.parts().size() ? Presence.PRESENT
                : absent == change.parts().size() ? Presence.ABSENT : Presence.CHANGED;
    }

    /** Takes the parts of {@code change} that are in {@code object} out of it (mutated); the others are left. */
    void remove(Map<String, Object> object, RouteTarget target, AppliedChange change) {
        for (AddedPart part : change.parts()) {
            if (presence(object, target, part) != Presence.PRESENT) {
                continue;
            }
            if (part.scope() == AddedPart.Scope.ROUTES) {
                List<Object> routes = router.routeList(object);
                routes.remove(findRoute(routes, part.value()));
            } else {
                removeValue(root(object, target, part.scope()), part);
            }
        }
    }

    /** The parts the route would show the user: the added routes, in order of {@code parts}. */
    List<Map<String, Object>> addedRoutes(Map<String, Object> object, AppliedChange change) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<Object> routes = router.routeList(object);
        for (AddedPart part : change.parts()) {
            int index = part.scope() == AddedPart.Scope.ROUTES ? findRoute(routes, part.value()) : -1;
            if (index >= 0) {
                out.add(JsonTree.asMap(routes.get(index)));
            }
        }
        return out;
    }

    /** An A/B route goes ahead of the sticky routes of the rollout, so that a chosen user reaches the canary. */
    private int insertion(List<Object> routes, SelectedRoute managed, RouteChange change, List<AppliedChange> active) {
        int at = defaultInsertion(routes, managed);
        if (change instanceof MatchRoute) {
            for (AppliedChange other : active) {
                if (other.change() instanceof StickySessions) {
                    for (AddedPart part : other.parts()) {
                        int index = part.scope() == AddedPart.Scope.ROUTES ? findRoute(routes, part.value()) : -1;
                        if (index >= 0) {
                            at = Math.min(at, index);
                        }
                    }
                }
            }
        }
        return at;
    }

    private Presence presence(Map<String, Object> object, RouteTarget target, AddedPart part) {
        if (part.scope() == AddedPart.Scope.ROUTES) {
            List<Object> routes = router.routeList(object);
            return findRoute(routes, part.value()) >= 0 ? Presence.PRESENT
                    : routeChanged(routes, part.value()) ? Presence.CHANGED : Presence.ABSENT;
        }
        Map<String, Object> root;
        try {
            root = root(object, target, part.scope());
        } catch (IllegalStateException e) {
            return Presence.ABSENT;
        }
        Object container = at(root, part.path());
        if (part.key() != null) {
            if (!(container instanceof Map<?, ?> map) || !map.containsKey(part.key())) {
                return Presence.ABSENT;
            }
            return JsonTree.contains(map.get(part.key()), part.value()) ? Presence.PRESENT : Presence.CHANGED;
        }
        return container instanceof List<?> list && list.stream().anyMatch(e -> JsonTree.contains(e, part.value()))
                ? Presence.PRESENT : Presence.ABSENT;
    }

    /** Adds a map key or list element, creating the containers on its path; returns the part with what it created. */
    private static AddedPart addValue(Map<String, Object> root, AddedPart part, RouteTarget target) {
        List<String> path = part.path();
        int maps = part.key() != null ? path.size() : path.size() - 1;
        int createdFrom = -1;
        Map<String, Object> current = root;
        for (int i = 0; i < maps; i++) {
            Object next = current.get(path.get(i));
            if (next == null) {
                next = new LinkedHashMap<String, Object>();
                current.put(path.get(i), next);
                createdFrom = createdFrom < 0 ? i : createdFrom;
            } else if (!(next instanceof Map<?, ?>)) {
                throw shape(part, target, path.get(i));
            }
            current = JsonTree.asMap(next);
        }
        if (part.key() != null) {
            if (current.containsKey(part.key())) {
                throw new TrafficException(TrafficException.Reason.INVALID, target.describe() + ": the "
                        + part.where() + " is already set to " + current.get(part.key()) + "; Mesh Pipeline adds it "
                        + "only where it is not set, so that it can take it away exactly");
            }
            current.put(part.key(), JsonTree.copyValue(part.value()));
        } else {
            String listKey = path.get(path.size() - 1);
            Object list = current.get(listKey);
            if (list == null) {
                list = new ArrayList<>();
                current.put(listKey, list);
                createdFrom = createdFrom < 0 ? path.size() - 1 : createdFrom;
            } else if (!(list instanceof List<?>)) {
                throw shape(part, target, listKey);
            }
            @SuppressWarnings("unchecked")
            List<Object> elements = (List<Object>) list;
            elements.add(JsonTree.copyValue(part.value()));
        }
        int created = createdFrom < 0 ? 0 : path.size() - createdFrom;
        return new AddedPart(part.scope(), path, part.key(), part.value(), created);
    }

    /** Removes a map key or list element and the containers the addition created, when they are left empty. */
    private static void removeValue(Map<String, Object> root, AddedPart part) {
        List<String> path = part.path();
        Object container = at(root, path);
        if (part.key() != null) {
            JsonTree.asMap(container).remove(part.key());
        } else {
            List<?> list = (List<?>) container;
            for (int i = list.size() - 1; i >= 0; i--) {
                if (JsonTree.contains(list.get(i), part.value())) {
                    list.remove(i);
                    break;
                }
            }
        }
        for (int level = path.size(); level > path.size() - part.created(); level--) {
            Object inner = at(root, path.subList(0, level));
            boolean empty = inner instanceof Map<?, ?> map && map.isEmpty() || inner instanceof List<?> l && l.isEmpty();
            if (!empty) {
                return;
            }
            JsonTree.asMap(at(root, path.subList(0, level - 1))).remove(path.get(level - 1));
        }
    }

    /** The value at {@code path} below {@code root}, or null. */
    private static Object at(Map<String, Object> root, List<String> path) {
        Object current = root;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    /** The live map a scope starts from: the managed route or one of its two destination entries. */
    private Map<String, Object> root(Map<String, Object> object, RouteTarget target, AddedPart.Scope scope) {
        Map<String, Object> route = router.routeMap(object, router.select(object, target));
        return switch (scope) {
            case ROUTE -> route;
            case STABLE_ENTRY -> router.entryOf(route, target.stable(), target.namespace());
            case CANARY_ENTRY -> router.entryOf(route, target.canary(), target.namespace());
            case ROUTES -> throw new IllegalArgumentException("the routes list is not a map");
        };
    }

    private static TrafficException shape(AddedPart part, RouteTarget target, String key) {
        return new TrafficException(TrafficException.Reason.INVALID, target.describe() + ": '" + key + "' on the way "
                + "to the " + part.where() + " is not an object or list as the API defines it; fix the object first");
    }

    /** Adds one condition to a copy of a match block of the managed route; throws when the block cannot take it. */
    interface ConditionAdder {
        void add(Map<String, Object> block, int blockIndex, RequestCondition condition);
    }

    /**
     * Each of the managed route's match blocks (one that takes every request when it has none) with each condition
     * added, conditions outer: any condition, on any of the route's own matches.
     */
    static List<Map<String, Object>> merged(Object blocks, List<RequestCondition> conditions, ConditionAdder adder) {
        List<Map<String, Object>> own = blocks instanceof List<?> list && !list.isEmpty() ? JsonTree.maps(list)
                : List.of(Map.of());
        List<Map<String, Object>> out = new ArrayList<>();
        for (RequestCondition condition : conditions) {
            for (int i = 0; i < own.size(); i++) {
                Map<String, Object> block = JsonTree.copyMap(own.get(i));
                adder.add(block, i, condition);
                out.add(block);
            }
        }
        return out;
    }

    /** A random cookie value of 12 lower-case letters and digits. */
    static String token(RandomGenerator random) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder out = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** The {@code Set-Cookie} value a version's answers carry in sticky sessions. */
    static String setCookie(StickySessions sticky, String token) {
        return sticky.cookie() + "=" + token + "; Max-Age=" + sticky.maxAgeSeconds() + "; Path=/";
    }
}
