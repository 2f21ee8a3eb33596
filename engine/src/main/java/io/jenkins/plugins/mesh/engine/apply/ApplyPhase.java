package io.jenkins.plugins.mesh.engine.apply;

/** Where an apply stands. */
public enum ApplyPhase {
    /** Taking a Lease per object, each storing the object's snapshot. */
    LOCKING,
    /** Writing the objects, each with the resourceVersion read. */
    WRITING,
    /** Reading every written object back. */
    VERIFYING,
    /** Watching the health of the services the changed objects route to. */
    WATCHING,
    /** Putting every written object back as its snapshot, newest first. */
    REVERTING,
    /** Deleting the Leases (or marking those whose revert is pending). */
    RELEASING,
    /** Over: see the outcome. */
    DONE
}
