package io.jenkins.plugins.mesh.engine.apply;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One field that differs: its path ({@code spec.http[0].timeout}), the live value and the value in the files
 * ({@code null} when the field is absent on that side; maps and lists as they are).
 *
 * @param managedBy who manages the field instead of the files (a running rollout's Lease holder), or null: such a
 *     field is shown, never planned over
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldDiff(String path, Object before, Object after, String managedBy) {

    /** A field the files change. */
    public FieldDiff(String path, Object before, Object after) {
        this(path, before, after, null);
    }

    /** Whether the files own this field (it is not held by a rollout). */
    public boolean planned() {
        return managedBy == null;
    }
}
