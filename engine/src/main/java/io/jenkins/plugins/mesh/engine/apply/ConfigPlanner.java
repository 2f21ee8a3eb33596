package io.jenkins.plugins.mesh.engine.apply;

import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.ResourceKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans the files against the live objects, three ways: the files, the content last applied (its hash in the
 * {@link ObjectContent#LAST_APPLIED} annotation) and the live object. Pure: no I/O, the same input gives the same plan.
 *
 * <ul>
 *   <li>in the files only: {@code create}; in both and equal: {@code unchanged};</li>
 *   <li>live content is what was last applied (or it was never applied by Mesh Pipeline): {@code update};</li>
 *   <li>files are what was last applied, live differs: {@code drift} (changed by hand; not written);</li>
 *   <li>both differ from what was last applied: {@code conflict};</li>
 *   <li>owned (the {@link ObjectContent#MANAGED_BY_LABEL} label), in the cluster only, with prune: {@code delete}.</li>
 * </ul>
 * Weights of an object a running rollout holds are the rollout's: they are shown as managed by it and never planned;
 * any other change to such an object is a conflict until the rollout ends.
 */
public final class ConfigPlanner {

    /**
     * @param files the objects in the files, in their order (a later duplicate wins, as with kubectl)
     * @param live the live objects of the kinds and namespaces the files cover, whole, as read
     * @param rolloutHolders the objects a running rollout's Lease holds, with the holder's name
     * @param prune whether owned objects gone from the files are deleted
     */
    public ApplyPlan plan(List<MeshResource> files, List<MeshResource> live, Map<ResourceKey, String> rolloutHolders,
            boolean prune) {
        Map<ResourceKey, MeshResource> wanted = new LinkedHashMap<>();
        for (MeshResource resource : files) {
            wanted.remove(resource.key());
            wanted.put(resource.key(), resource);
        }
        Map<ResourceKey, MeshResource> existing = new LinkedHashMap<>();
        for (MeshResource resource : live) {
            existing.put(resource.key(), resource);
        }
        List<PlannedChange> changes = new ArrayList<>(wanted.size());
        for (MeshResource file : wanted.values()) {
            changes.add(planOne(file, existing.get(file.key()), rolloutHolders.get(file.key())));
        }
        if (prune) {
            for (MeshResource object : existing.values()) {
                if (!wanted.containsKey(object.key()) && ObjectContent.owned(object.body())) {
                    changes.add(planDelete(object, rolloutHolders.get(object.key())));
                }
            }
        }
        return new ApplyPlan(changes);
    }

    private static PlannedChange planOne(MeshResource file, MeshResource live, String rolloutHolder) {
        if (live == null) {
            Map<String, Object> desired = DesiredObject.of(file, null);
            return change(PlanAction.CREATE, file, FieldDiffs.between(Map.of(), ObjectContent.of(desired)), null,
                    desired, null);
        }
        Map<String, Object> desired = DesiredObject.of(file, rolloutHolder == null ? null : live.body());
        // DesiredObject records its content's hash as the last-applied annotation: no need to hash it again.
        String desiredHash = ObjectContent.lastApplied(desired);
        String liveHash = ObjectContent.hash(live.body());
        List<FieldDiff> diff = desiredHash.equals(liveHash) ? new ArrayList<>()
                : new ArrayList<>(FieldDiffs.between(ObjectContent.of(live.body()), ObjectContent.of(desired)));
        if (rolloutHolder != null) {
            diff.addAll(RolloutWeights.heldDiffs(live.body(), file.body(), rolloutHolder));
            diff.sort(java.util.Comparator.comparing(FieldDiff::path));
        }
        if (desiredHash.equals(liveHash)) {
            return change(PlanAction.UNCHANGED, file, diff, rolloutHolder == null ? null
                    : "weights held by the rollout of " + rolloutHolder, desired, live.body());
        }
        String applied = ObjectContent.lastApplied(live.body());
        PlanAction action;
        String reason = null;
        if (applied == null || applied.equals(liveHash)) {
            action = PlanAction.UPDATE;
            if (applied == null) {
                reason = "not applied by Mesh Pipeline before: the files take it over";
            }
        } else if (applied.equals(desiredHash)) {
            action = PlanAction.DRIFT;
            reason = "changed in the cluster since it was last applied, not in the files; apply leaves it as it is: "
                    + "put the change into the files, or undo it in the cluster";
        } else {
            action = PlanAction.CONFLICT;
            reason = "changed in the files and in the cluster since it was last applied; decide which wins: put the "
                    + "cluster's change into the files, or undo it in the cluster, then plan again";
        }
        if (rolloutHolder != null && action != PlanAction.DRIFT) {
            action = PlanAction.CONFLICT;
            reason = "a rollout holds its route (" + rolloutHolder + "); apply changes to it after the rollout ends, "
                    + "or abort the rollout with mesh rollback";
        }
        return change(action, file, diff, reason, desired, live.body());
    }

    private static PlannedChange planDelete(MeshResource live, String rolloutHolder) {
        List<FieldDiff> diff = FieldDiffs.between(ObjectContent.of(live.body()), Map.of());
        if (rolloutHolder != null) {
            return new PlannedChange(PlanAction.CONFLICT, live.apiVersion(), live.kind().kind(), live.namespace(),
                    live.name(), live.location().file(), 0, diff, "gone from the files, but a rollout holds its route ("
                    + rolloutHolder + "); prune it after the rollout ends", null, live.body());
        }
        return new PlannedChange(PlanAction.DELETE, live.apiVersion(), live.kind().kind(), live.namespace(),
                live.name(), live.location().file(), 0, diff, null, null, live.body());
    }

    private static PlannedChange change(PlanAction action, MeshResource file, List<FieldDiff> diff, String reason,
            Map<String, Object> desired, Map<String, Object> live) {
        return new PlannedChange(action, file.apiVersion(), file.kind().kind(), file.namespace(), file.name(),
                file.location().file(), file.location().line(), diff, reason, desired, live);
    }
}
