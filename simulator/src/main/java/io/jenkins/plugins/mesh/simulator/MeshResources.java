package io.jenkins.plugins.mesh.simulator;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;

/**
 * The custom resources the simulated API server serves, as fabric8 resource contexts. Istio's networking API is
 * served at v1, v1beta1 and v1alpha3 (the storage version is v1, as in Istio 1.27); the Gateway API at v1 and v1beta1.
 */
public final class MeshResources {

    public static final String ISTIO_GROUP = "networking.istio.io";
    public static final String GATEWAY_GROUP = "gateway.networking.k8s.io";
    public static final List<String> ISTIO_VERSIONS = List.of("v1", "v1beta1", "v1alpha3");
    public static final List<String> GATEWAY_VERSIONS = List.of("v1", "v1beta1");

    private MeshResources() {
    }

    /** Istio VirtualService at {@code version} (one of {@link #ISTIO_VERSIONS}). */
    public static ResourceDefinitionContext virtualService(String version) {
        return context(ISTIO_GROUP, version, "VirtualService", "virtualservices");
    }

    /** Istio DestinationRule at {@code version} (one of {@link #ISTIO_VERSIONS}). */
    public static ResourceDefinitionContext destinationRule(String version) {
        return context(ISTIO_GROUP, version, "DestinationRule", "destinationrules");
    }

    /** Istio Gateway at {@code version} (one of {@link #ISTIO_VERSIONS}). */
    public static ResourceDefinitionContext istioGateway(String version) {
        return context(ISTIO_GROUP, version, "Gateway", "gateways");
    }

    /** Gateway API HTTPRoute at {@code version} (one of {@link #GATEWAY_VERSIONS}). */
    public static ResourceDefinitionContext httpRoute(String version) {
        return context(GATEWAY_GROUP, version, "HTTPRoute", "httproutes");
    }

    static ResourceDefinitionContext context(String group, String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(true)
                .build();
    }
}
