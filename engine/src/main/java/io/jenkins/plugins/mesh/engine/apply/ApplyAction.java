package io.jenkins.plugins.mesh.engine.apply;

import java.time.Instant;

/** What the apply state machine asks its driver to do next; each is answered by an {@link ApplyObservation}. */
public sealed interface ApplyAction {

    /** Take item {@code index}'s Lease, storing its snapshot. */
    record Lock(int index) implements ApplyAction {
    }

    /** Write item {@code index} with the resourceVersion read. */
    record Write(int index) implements ApplyAction {
    }

    /** Read item {@code index} back and compare it with what was written. */
    record Verify(int index) implements ApplyAction {
    }

    /** Analyse the routed services' health after {@code changedAt} against before it, at {@code at}. */
    record Analyse(Instant changedAt, Instant at) implements ApplyAction {
    }

    /** Nothing to do before {@code time}: persist the state and call again then. */
    record WaitUntil(Instant time) implements ApplyAction {
    }

    /** Put item {@code index} back as its snapshot (a create deleted, a delete recreated), unless someone edited it. */
    record Revert(int index) implements ApplyAction {
    }

    /** Delete item {@code index}'s Lease. */
    record Release(int index) implements ApplyAction {
    }

    /** Keep item {@code index}'s Lease with a pending-revert mark, for {@code mesh rollback --apply}. */
    record MarkPending(int index, String message) implements ApplyAction {
    }

    /** The apply is over. */
    record Finish() implements ApplyAction {
    }
}
