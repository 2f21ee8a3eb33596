package io.jenkins.plugins.mesh.simulator;

import io.jenkins.plugins.mesh.engine.KubernetesName;
import java.util.Objects;

/**
 * One version of a service as the mesh sees it: the key its route destination carries (a DestinationRule subset,
 * or a host for a host-based canary), and the values of Istio's metric labels for its traffic.
 *
 * @param routeKey the subset name (or short host name) of this version's destination in the route
 * @param service the destination service's short name ({@code destination_service_name})
 * @param version the {@code destination_version} / {@code destination_canonical_revision} label
 * @param workload the {@code destination_workload} label (the Deployment's name)
 */
public record MeshVersion(String routeKey, String service, String version, String workload) {

    public MeshVersion {
        Objects.requireNonNull(routeKey, "routeKey");
        KubernetesName.requireLabel("service", service);
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(workload, "workload");
    }

    /** Subset {@code subset} of {@code service}, deployed as {@code <service>-<subset>} (bookinfo's convention). */
    public static MeshVersion subset(String service, String subset) {
        return new MeshVersion(subset, service, subset, service + "-" + subset);
    }

    /** A version deployed behind its own Service {@code service} (host-based canary), labelled {@code version}. */
    public static MeshVersion host(String service, String version, String workload) {
        return new MeshVersion(service, service, version, workload);
    }
}
