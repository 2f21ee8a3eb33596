package io.jenkins.plugins.mesh.engine.validate;

import java.util.List;

/**
 * The result of a validation: how many objects were checked and what was found, sorted by file and line.
 *
 * @param resources the number of objects read from the workspace, of every kind (skipped kinds included)
 * @param findings what was found
 * @param checked the workspace objects of the kinds the validator reads, in file order
 */
public record ValidationReport(int resources, List<Finding> findings, List<CheckedObject> checked) {

    public ValidationReport {
        findings = List.copyOf(findings);
        checked = List.copyOf(checked);
    }

    /** A report that does not list the checked objects (one read back from JSON). */
    public ValidationReport(int resources, List<Finding> findings) {
        this(resources, findings, List.of());
    }

    /** Whether any finding is an error (the build should fail). */
    public boolean hasErrors() {
        return count(Severity.ERROR) > 0;
    }

    /**
     * Whether a build that fails on findings of {@code threshold} or worse should fail: {@code WARNING} fails on
     * errors and warnings, {@code ERROR} on errors only, {@code INFO} on any finding.
     */
    public boolean failsAt(Severity threshold) {
        return findings.stream().anyMatch(f -> f.severity().compareTo(threshold) <= 0);
    }

    /** How many findings have {@code severity}. */
    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
