package io.jenkins.plugins.mesh.engine.traffic;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * What one write does to the managed part of a route: the destination entries wanted (from those found), the route
 * changes to add, and which recorded changes to take away. Changes being taken away when a process stopped are
 * always taken away.
 *
 * @param destinations the entries wanted, given the entries found (with the changes to take away already gone)
 * @param add the changes to add; one already in place is left as it is
 * @param remove which recorded changes to take away
 */
record RouteEdit(UnaryOperator<List<Map<String, Object>>> destinations, List<RouteChange> add,
        Predicate<AppliedChange> remove) {

    RouteEdit {
        add = List.copyOf(add);
    }

    /** New weights, nothing else. */
    static RouteEdit weights(UnaryOperator<List<Map<String, Object>>> destinations) {
        return new RouteEdit(destinations, List.of(), change -> false);
    }

    /** One more change. */
    static RouteEdit adding(RouteChange change) {
        return new RouteEdit(UnaryOperator.identity(), List.of(change), recorded -> false);
    }

    /** Takes away the change of {@code kind}. */
    static RouteEdit removing(String kind) {
        return new RouteEdit(UnaryOperator.identity(), List.of(), recorded -> recorded.change().kind().equals(kind));
    }

    /** New weights, and every change taken away: a promotion or a restore. */
    static RouteEdit clearing(UnaryOperator<List<Map<String, Object>>> destinations) {
        return new RouteEdit(destinations, List.of(), recorded -> true);
    }
}
