package io.jenkins.plugins.mesh.engine.validate;

import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.MeshKind;
import io.jenkins.plugins.mesh.engine.config.MeshResource;

/** A rule that checks each workspace object of one kind on its own, reporting under one code. */
abstract class ResourceRule implements Rule {

    private final MeshKind kind;
    private final FindingCode code;

    ResourceRule(MeshKind kind, FindingCode code) {
        this.kind = kind;
        this.code = code;
    }

    @Override
    public final void check(MeshConfig mesh, Findings out) {
        for (MeshResource resource : mesh.resources()) {
            if (resource.kind() == kind && Rule.inWorkspace(resource)) {
                check(new FieldChecker(resource, out, code));
            }
        }
    }

    /** Checks the object {@code check} reports on. */
    abstract void check(FieldChecker check);
}
