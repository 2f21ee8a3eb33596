package io.jenkins.plugins.mesh.engine.apply;

import io.jenkins.plugins.mesh.engine.config.MeshKind;
import java.time.Instant;
import java.util.Map;

/**
 * What the Lease of one applied object says: who holds it, the object, what the apply does to it, the hash of what
 * it writes, the snapshot a revert puts back, and a pending-revert mark. All {@code mesh rollback --apply} needs.
 *
 * @param intendedHash {@link ObjectContent#hash} of the object written (create, update), null for a delete
 * @param snapshot the object before the apply (update, delete), null for a create
 * @param restorePending why the revert is pending, or null
 */
public record ApplyLease(String namespace, String name, String holder, String build, Instant renewed,
        PlanAction action, MeshKind kind, String objectName, String intendedHash, Map<String, Object> snapshot,
        String restorePending, String resourceVersion) {

    /** {@code VirtualService shop/reviews}. */
    public String objectDisplayName() {
        return kind.kind() + " " + namespace + "/" + objectName;
    }
}
