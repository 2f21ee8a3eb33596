package io.jenkins.plugins.mesh.engine.apply;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * What the plan does with one object, and why.
 *
 * @param action what apply will do (or, for drift and conflict, will not do)
 * @param apiVersion as in the files (as served, for an object only in the cluster)
 * @param kind the object's kind
 * @param namespace its namespace
 * @param name its name
 * @param file the file that defines it, or {@code cluster} for an object only in the cluster
 * @param line the line of its document, 0 when from the cluster
 * @param diff the differing fields, live value first; empty when unchanged
 * @param reason why a drift or conflict is one, or which rollout holds fields; null otherwise
 * @param desired the whole object apply writes (create, update), null otherwise; not part of the plan JSON
 * @param live the whole live object as read (with its resourceVersion), null for a create; not part of the plan JSON
 */
@JsonPropertyOrder({"action", "apiVersion", "kind", "namespace", "name", "file", "line", "diff", "reason"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlannedChange(PlanAction action, String apiVersion, String kind, String namespace, String name,
        String file, int line, List<FieldDiff> diff, String reason, @JsonIgnore Map<String, Object> desired,
        @JsonIgnore Map<String, Object> live) {

    public PlannedChange {
        diff = diff == null ? List.of() : List.copyOf(diff);
    }

    /** {@code VirtualService shop/reviews}. */
    @JsonIgnore
    public String displayName() {
        return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }

    /** The diff entries the files own (not held by a rollout). */
    @JsonIgnore
    public List<FieldDiff> plannedDiff() {
        return diff.stream().filter(FieldDiff::planned).toList();
    }
}
