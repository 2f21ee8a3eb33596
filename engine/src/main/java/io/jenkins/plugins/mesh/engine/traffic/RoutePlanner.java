package io.jenkins.plugins.mesh.engine.traffic;

import static io.jenkins.plugins.mesh.engine.traffic.TrafficMessages.describe;
import static io.jenkins.plugins.mesh.engine.traffic.TrafficMessages.rollbackCommand;

import io.jenkins.plugins.mesh.engine.traffic.RouteChangeEditor.Presence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Works out, without I/O, the object a write would store: from the object read, the change records of its Lease and
 * the {@link RouteEdit}, it takes away the changes to remove, sets the destination entries, adds the new changes,
 * and says how the records read before the PUT (the intent) and after it (settled). It refuses, before anything is
 * written, when someone else took away or edited a change that Mesh Pipeline added.
 */
final class RoutePlanner {

    private final DestinationListRouter router;
    private final RouteChangeEditor editor;
    private final RandomGenerator random;

    RoutePlanner(DestinationListRouter router, RouteChangeEditor editor, RandomGenerator random) {
        this.router = router;
        this.editor = editor;
        this.random = random;
    }

    /**
     * What a write would store.
     *
     * @param object the object as read, with the route selectable by {@code target}
     * @param records the Lease's change records
     * @param restoring whether this puts the route back (then edited changes stop it, missing ones do not)
     */
    Planned plan(Map<String, Object> object, RouteTarget target, List<AppliedChange> records, RouteEdit edit,
            boolean restoring) {
        SelectedRoute route = router.select(object, target);
        List<AppliedChange> kept = new ArrayList<>();
        List<AppliedChange> removed = new ArrayList<>();
        List<AppliedChange> settled = new ArrayList<>();
        Map<String, Object> desired = JsonTree.copyMap(object);
        for (AppliedChange record : records) {
            Presence presence = editor.presence(object, target, record);
            boolean remove = edit.remove().test(record) || record.state() == AppliedChange.State.REMOVING;
            requireOurs(target, route, record, presence, remove, restoring);
            if (remove) {
                removed.add(record.withState(AppliedChange.State.REMOVING));
                editor.remove(desired, target, record);
            } else if (presence == Presence.PRESENT) {
                kept.add(record);
                settled.add(record.withState(AppliedChange.State.ADDED));
            }
        }
        SelectedRoute managed = router.select(desired, target);
        router.replaceDestinations(desired, managed, edit.destinations().apply(router.destinations(desired, managed)));
        List<AppliedChange> added = new ArrayList<>();
        for (RouteChange change : edit.add()) {
            AppliedChange same = kept.stream().filter(k -> k.change().kind().equals(change.kind())).findFirst()
                    .orElse(null);
            if (same != null && same.change().equals(change)) {
                continue;
            }
            if (same != null) {
                throw new TrafficException(TrafficException.Reason.INVALID, describe(target, route) + " already has "
                        + "a " + change.kind() + " change (" + same.change().describe() + "); take it away first to "
                        + change.describe());
            }
            List<AppliedChange> active = new ArrayList<>(kept);
            active.addAll(added);
            Map<String, Object> pristine = JsonTree.copyMap(desired);
            active.forEach(a -> editor.remove(pristine, target, a));
            List<AddedPart> parts = editor.plan(pristine, router.select(pristine, target), target, change, random);
            added.add(editor.add(desired, target, change, parts, active));
        }
        List<AppliedChange> intent = new ArrayList<>(kept);
        intent.addAll(removed);
        intent.addAll(added);
        added.forEach(a -> settled.add(a.withState(AppliedChange.State.ADDED)));
        return new Planned(desired, router.destinations(desired, router.select(desired, target)), intent, settled,
                added);
    }

    /** Refuses to go on when a change Mesh Pipeline added was taken away or edited by someone else. */
    private static void requireOurs(RouteTarget target, SelectedRoute route, AppliedChange record, Presence presence,
            boolean remove, boolean restoring) {
        boolean edited = presence == Presence.CHANGED;
        boolean lost = !remove && !restoring && presence == Presence.ABSENT
                && record.state() == AppliedChange.State.ADDED;
        if (edited || lost) {
            throw new TrafficException(TrafficException.Reason.CONFLICT, "someone else " + (edited ? "edited"
                    : "took away") + " what Mesh Pipeline added to " + describe(target, route) + " to "
                    + record.change().describe() + " (" + record.parts().stream().map(AddedPart::where).distinct()
                    .toList() + "); nothing was overwritten. Agree with whoever changed it, put it back as it was or "
                    + "take it away by hand, then run `" + rollbackCommand(target) + "`");
        }
    }

    /**
     * The object a write would store.
     *
     * @param object the whole object to PUT
     * @param destinations the managed route's destination entries in it
     * @param intent the change records to store before the PUT
     * @param settled the change records once the PUT is done
     * @param added the changes this write adds
     */
    record Planned(Map<String, Object> object, List<Map<String, Object>> destinations, List<AppliedChange> intent,
            List<AppliedChange> settled, List<AppliedChange> added) {
    }
}
