package io.jenkins.plugins.mesh.engine.traffic;

import java.util.List;
import java.util.Objects;

/**
 * A route change as the route's Lease records it: the change, the parts it added, and how far its write got. The
 * state is written ahead of each PUT, so a process that stops between the PUT and the Lease update leaves a record
 * that a later restore reads right: an {@link State#ADDING} change may or may not be in the object, a
 * {@link State#ADDED} one must be.
 *
 * @param change what was asked for
 * @param parts what was added to the object for it
 * @param state how far its write got
 */
public record AppliedChange(RouteChange change, List<AddedPart> parts, State state) {

    /** How far the write of a change got. */
    public enum State {
        /** Recorded before the PUT that adds it: it may or may not be in the object. */
        ADDING,
        /** Read back from the object after its PUT. */
        ADDED,
        /** Recorded before the PUT that takes it away: it may or may not be gone. */
        REMOVING
    }

    public AppliedChange {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(state, "state");
        parts = List.copyOf(parts);
    }

    AppliedChange withState(State newState) {
        return new AppliedChange(change, parts, newState);
    }
}
