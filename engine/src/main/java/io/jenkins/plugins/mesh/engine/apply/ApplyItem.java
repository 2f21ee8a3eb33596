package io.jenkins.plugins.mesh.engine.apply;

import io.jenkins.plugins.mesh.engine.config.MeshKind;
import java.util.Map;

/**
 * One object of an apply, with all a revert needs: the object to write, its snapshot, and how far it got.
 *
 * @param action create, update or delete
 * @param kind the object's kind
 * @param namespace its namespace
 * @param name its name
 * @param file where the files define it ({@code cluster} for a delete)
 * @param line the line there
 * @param desired the whole object to write (create, update), null for a delete
 * @param snapshot the whole live object as planned, null for a create: what a revert puts back
 * @param lease the name of its Lease, in its namespace
 * @param status how far it got
 * @param leaseDone whether its Lease was released (or marked pending)
 * @param message why a revert is pending or an edit was kept, or null
 */
public record ApplyItem(PlanAction action, MeshKind kind, String namespace, String name, String file, int line,
        Map<String, Object> desired, Map<String, Object> snapshot, String lease, ItemStatus status,
        boolean leaseDone, String message) {

    /** {@code VirtualService shop/reviews}. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String displayName() {
        return kind.kind() + " " + namespace + "/" + name;
    }

    ApplyItem withStatus(ItemStatus newStatus, String newMessage) {
        return new ApplyItem(action, kind, namespace, name, file, line, desired, snapshot, lease, newStatus,
                leaseDone, newMessage == null ? message : newMessage);
    }

    ApplyItem released() {
        return new ApplyItem(action, kind, namespace, name, file, line, desired, snapshot, lease, status, true,
                message);
    }
}
