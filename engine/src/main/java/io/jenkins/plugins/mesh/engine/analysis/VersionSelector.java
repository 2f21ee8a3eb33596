package io.jenkins.plugins.mesh.engine.analysis;

import io.jenkins.plugins.mesh.engine.KubernetesName;
import java.util.Objects;

/**
 * Which traffic one version of a service receives: the destination namespace and service, and the label value
 * that marks the version. Every part is a Kubernetes name, checked here, so no value can inject query text.
 *
 * @param namespace the destination workload namespace
 * @param service the destination service name (for {@link VersionLabel#DESTINATION_SERVICE_NAME}, equal to version)
 * @param label the label that tells versions apart
 * @param version the label's value for this version, e.g. {@code v2} or {@code reviews-canary}
 */
public record VersionSelector(String namespace, String service, VersionLabel label, String version) {

    public VersionSelector {
        KubernetesName.requireLabel("namespace", namespace);
        KubernetesName.requireLabel("service", service);
        Objects.requireNonNull(label, "label");
        if (version == null || version.isEmpty() || version.length() > 253
                || !version.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_')) {
            throw new IllegalArgumentException("version '" + version + "' is not a valid label value: use letters, "
                    + "digits, '-', '_' and '.' only");
        }
    }

    /** A version of a service told apart by {@code destination_version} (DestinationRule subsets). */
    public static VersionSelector subset(String namespace, String service, String version) {
        return new VersionSelector(namespace, service, VersionLabel.DESTINATION_VERSION, version);
    }

    /** A version deployed as its own Service (host-based canary). */
    public static VersionSelector host(String namespace, String serviceName) {
        return new VersionSelector(namespace, serviceName, VersionLabel.DESTINATION_SERVICE_NAME, serviceName);
    }

    @Override
    public String toString() {
        return label.identifiesService() ? namespace + "/" + service : namespace + "/" + service + "@" + version;
    }
}
