package io.jenkins.plugins.mesh.engine.validate;

import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.MeshResource;

/**
 * One family of checks. Rules read the mesh and report findings; they never throw on malformed input (a value
 * of the wrong type is a finding or is left to the schema rules) and never do I/O.
 */
public interface Rule {

    /**
     * Checks the workspace objects of {@code mesh} (live objects, located in {@code cluster}, are context only).
     */
    void check(MeshConfig mesh, Findings out);

    /** Whether {@code resource} came from the workspace and so is the user's to fix. */
    static boolean inWorkspace(MeshResource resource) {
        return !resource.location().isCluster();
    }
}
