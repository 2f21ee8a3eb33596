package io.jenkins.plugins.mesh.engine.apply;

import io.jenkins.plugins.mesh.engine.config.MeshKind;
import java.util.Map;
import java.util.Optional;

/**
 * Puts one object back as its snapshot, deciding by what it reads, so it is right after a crash or a lost answer:
 * an object that holds the apply's write is restored (an update to its snapshot, a create deleted, a delete
 * recreated) and read back; an object as it was before is left (the write never landed); an object someone changed
 * since is left with their edit, never overwritten.
 */
final class ObjectReverter {

    private static final int ATTEMPTS = 5;

    private final ObjectStore store;

    ObjectReverter(ObjectStore store) {
        this.store = store;
    }

    /**
     * @param intendedHash hash of what the apply writes (null for a delete)
     * @param snapshot the object before the apply (null for a create)
     */
    ItemStatus revert(PlanAction action, MeshKind kind, String namespace, String name, String intendedHash,
            Map<String, Object> snapshot) {
        String snapshotHash = snapshot == null ? null : ObjectContent.hash(snapshot);
        for (int attempt = 1; ; attempt++) {
            try {
                Optional<Map<String, Object>> live = store.get(kind, namespace, name);
                String liveHash = live.map(ObjectContent::hash).orElse(null);
                if (live.isEmpty()) {
                    if (action != PlanAction.DELETE) {
                        // A create that never landed; an updated object deleted by someone since: nothing to restore over.
                        return action == PlanAction.CREATE ? ItemStatus.UNTOUCHED : ItemStatus.KEPT;
                    }
                    store.create(kind, Snapshots.at(snapshot, null));
                    return verified(kind, namespace, name, snapshotHash);
                }
                if (liveHash.equals(snapshotHash)) {
                    return ItemStatus.UNTOUCHED;
                }
                if (action == PlanAction.DELETE || !liveHash.equals(intendedHash)) {
                    return ItemStatus.KEPT;
                }
                String version = Snapshots.resourceVersion(live.get());
                if (action == PlanAction.CREATE) {
                    store.delete(kind, namespace, name, version);
                    if (store.get(kind, namespace, name).isPresent()) {
                        throw new IllegalStateException(kind.kind() + " " + namespace + "/" + name + " still exists "
                                + "after its delete");
                    }
                    return ItemStatus.REVERTED;
                }
                store.replace(kind, Snapshots.at(snapshot, version));
                return verified(kind, namespace, name, snapshotHash);
            } catch (StaleObjectException e) {
                if (attempt >= ATTEMPTS) {
                    throw new IllegalStateException(kind.kind() + " " + namespace + "/" + name + " kept changing while "
                            + "it was being reverted; run mesh rollback --apply again", e);
                }
            }
        }
    }

    private ItemStatus verified(MeshKind kind, String namespace, String name, String snapshotHash) {
        Optional<Map<String, Object>> back = store.get(kind, namespace, name);
        if (back.isEmpty() || !ObjectContent.hash(back.get()).equals(snapshotHash)) {
            throw new IllegalStateException(kind.kind() + " " + namespace + "/" + name + " does not read back as its "
                    + "snapshot after the revert; run mesh rollback --apply again");
        }
        return ItemStatus.REVERTED;
    }
}
