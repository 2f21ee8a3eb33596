package io.jenkins.plugins.mesh.engine.apply;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan of a set of files against a cluster: one {@link PlannedChange} per object, in the order of the files
 * (objects to delete last), and the count of each action. {@link PlanJson} writes it in the documented form.
 */
@JsonPropertyOrder({"changes", "summary"})
public record ApplyPlan(List<PlannedChange> changes) {

    public ApplyPlan {
        changes = List.copyOf(changes);
    }

    /** How many objects get each action, every action present (0 when none), in a fixed order. */
    @com.fasterxml.jackson.annotation.JsonProperty("summary")
    public Map<String, Integer> summary() {
        Map<String, Integer> summary = new LinkedHashMap<>();
        for (PlanAction action : PlanAction.values()) {
            summary.put(action.label(), 0);
        }
        for (PlannedChange change : changes) {
            summary.merge(change.action().label(), 1, Integer::sum);
        }
        return summary;
    }

    /** The changes apply writes: creates, updates and deletes. */
    @JsonIgnore
    public List<PlannedChange> writes() {
        return changes.stream().filter(c -> c.action().writes()).toList();
    }

    /** The objects changed in both the files and the cluster, or held by a rollout: apply refuses while any exist. */
    @JsonIgnore
    public List<PlannedChange> conflicts() {
        return changes.stream().filter(c -> c.action() == PlanAction.CONFLICT).toList();
    }

    /** The objects changed by hand in the cluster only. */
    @JsonIgnore
    public List<PlannedChange> drifts() {
        return changes.stream().filter(c -> c.action() == PlanAction.DRIFT).toList();
    }

    /** Whether the cluster differs from the files in any way (anything but unchanged). */
    @JsonIgnore
    public boolean hasChanges() {
        return changes.stream().anyMatch(c -> c.action() != PlanAction.UNCHANGED);
    }
}
