package io.jenkins.plugins.mesh.engine.apply;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a plan does with one object. */
public enum PlanAction {
    /** In the files, not in the cluster: apply creates it. */
    CREATE,
    /** Changed in the files since it was last applied (or never applied by Mesh Pipeline): apply updates it. */
    UPDATE,
    /** Owned by Mesh Pipeline, gone from the files, and {@code --prune} given: apply deletes it. */
    DELETE,
    /** The cluster already holds what the files say. */
    UNCHANGED,
    /** Changed in the cluster by hand since it was last applied, not in the files: apply leaves it as it is. */
    DRIFT,
    /** Changed in both, or held by a running rollout: apply refuses until someone decides. */
    CONFLICT;

    /** The lower-case name the plan JSON uses. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether apply writes the object. */
    public boolean writes() {
        return this == CREATE || this == UPDATE || this == DELETE;
    }
}
