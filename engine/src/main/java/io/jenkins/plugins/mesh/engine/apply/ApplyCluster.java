package io.jenkins.plugins.mesh.engine.apply;

/**
 * The cluster side of an apply, one method per action. Every method may be called again after a crash or a lost
 * answer and must then do the right thing (take a Lease it already holds, find a write that already landed).
 * A failure is thrown as an exception whose message says what happened and what to do.
 */
public interface ApplyCluster {

    /** Takes the item's Lease, storing its snapshot; fails when someone else (an apply, a rollout) holds it. */
    void lock(ApplyState state, ApplyItem item) throws Exception;

    /** Writes the item with the resourceVersion planned; fails, writing nothing, when the object changed since. */
    void write(ApplyState state, ApplyItem item) throws Exception;

    /** Reads the item back; fails when it is not as written. */
    void verify(ApplyItem item) throws Exception;

    /** Puts the item back as its snapshot and verifies it: REVERTED, UNTOUCHED or KEPT (someone edited it since). */
    ItemStatus revert(ApplyState state, ApplyItem item) throws Exception;

    /** Deletes the item's Lease (when it is ours). */
    void release(ApplyState state, ApplyItem item) throws Exception;

    /** Marks the item's Lease as holding a pending revert, with {@code message}. */
    void markPending(ApplyState state, ApplyItem item, String message) throws Exception;
}
