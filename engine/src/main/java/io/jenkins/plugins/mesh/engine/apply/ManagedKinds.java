package io.jenkins.plugins.mesh.engine.apply;

import io.jenkins.plugins.mesh.engine.config.MeshKind;
import java.util.List;

/** The kinds config as code plans and applies: Istio networking and Gateway API routing config. */
public final class ManagedKinds {

    /** VirtualService, DestinationRule, Gateway, ServiceEntry, Sidecar, HTTPRoute and Gateway API Gateway. */
    public static final List<MeshKind> ALL = List.of(MeshKind.VIRTUAL_SERVICE, MeshKind.DESTINATION_RULE,
            MeshKind.GATEWAY, MeshKind.SERVICE_ENTRY, MeshKind.SIDECAR, MeshKind.HTTP_ROUTE,
            MeshKind.KUBERNETES_GATEWAY);

    private ManagedKinds() {
    }

    /** Whether apply manages objects of {@code kind}. */
    public static boolean managed(MeshKind kind) {
        return ALL.contains(kind);
    }
}
