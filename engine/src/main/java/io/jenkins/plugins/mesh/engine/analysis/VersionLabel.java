package io.jenkins.plugins.mesh.engine.analysis;

/**
 * The Istio metric label that tells one version of a service from another. Which one fits depends on how the
 * versions are deployed: subsets of one Service usually differ in {@code destination_version}; a host-based canary
 * (two Services) differs in {@code destination_service_name}.
 */
public enum VersionLabel {
    DESTINATION_VERSION("destination_version"),
    DESTINATION_WORKLOAD("destination_workload"),
    DESTINATION_CANONICAL_REVISION("destination_canonical_revision"),
    DESTINATION_SERVICE_NAME("destination_service_name");

    private final String promLabel;

    VersionLabel(String promLabel) {
        this.promLabel = promLabel;
    }

    /** The label's name in Istio's standard metrics. */
    public String promLabel() {
        return promLabel;
    }

    /** Whether the version's value is itself the service name, so no separate service matcher applies. */
    public boolean identifiesService() {
        return this == DESTINATION_SERVICE_NAME;
    }

    /** Parses a label name such as {@code destination_version} (or the constant's name), any case. */
    public static VersionLabel parse(String text) {
        String wanted = text == null ? "" : text.strip();
        for (VersionLabel label : values()) {
            if (label.promLabel.equalsIgnoreCase(wanted) || label.name().equalsIgnoreCase(wanted)) {
                return label;
            }
        }
        throw new IllegalArgumentException("version label '" + wanted + "' is not one of destination_version, "
                + "destination_workload, destination_canonical_revision, destination_service_name");
    }
}
