package io.jenkins.plugins.mesh.engine.apply;

import io.jenkins.plugins.mesh.engine.validate.ValidationReport;

/**
 * A plan, or why there is none: the files' validation report and, when it has no errors, the plan.
 *
 * @param validation the files validated as {@code mesh validate} does
 * @param plan the plan; null when validation found errors (nothing was compared, nothing may be written)
 */
public record PlanResult(ValidationReport validation, ApplyPlan plan) {

    /** Whether validation errors stopped the plan. */
    public boolean stopped() {
        return plan == null;
    }
}
