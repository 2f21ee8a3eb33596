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
}
