package io.jenkins.plugins.mesh.engine.validate;

/** How bad a finding is. Only errors fail a validation. */
public enum Severity {
    ERROR, WARNING, INFO;

    /** Lower-case name, as printed and in JSON. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
