package io.jenkins.plugins.mesh.engine.validate;

import io.jenkins.plugins.mesh.engine.config.MeshKind;
import java.util.Map;

/** The known fields of the {@code spec} of each Istio kind (istio/api networking v1), for the unknown-field check. */
final class IstioFieldCatalog {

    private static final FieldShape DESTINATION = FieldShape.of("host", "subset")
            .with("port", FieldShape.of("number"));
    private static final FieldShape ROUTE_DESTINATION = FieldShape.of("weight", "headers")
            .with("destination", DESTINATION);
    private static final FieldShape MATCH = FieldShape.of("name", "uri", "scheme", "method", "authority", "headers",
            "port", "sourceLabels", "gateways", "queryParams", "ignoreUriCase", "withoutHeaders", "sourceNamespace",
            "statPrefix");
    private static final FieldShape RETRIES = FieldShape.of("attempts", "perTryTimeout", "retryOn",
            "retryRemoteLocalities", "retryIgnorePreviousHosts", "backoff");
    private static final FieldShape HTTP_ROUTE = FieldShape.of("name", "redirect", "directResponse", "delegate",
            "rewrite", "timeout", "fault", "mirrors", "mirrorPercent", "mirrorPercentage", "mirror_percent",
            "corsPolicy", "headers")
            .with("match", MATCH).with("route", ROUTE_DESTINATION).with("retries", RETRIES)
            .with("mirror", DESTINATION);
    private static final FieldShape L4_ROUTE = FieldShape.of("match").with("route", FieldShape.of("weight")
            .with("destination", DESTINATION));
    private static final FieldShape PORT = FieldShape.of("number", "protocol", "name", "targetPort");

    private static final Map<MeshKind, FieldShape> SPECS = Map.of(
            MeshKind.VIRTUAL_SERVICE, FieldShape.of("hosts", "gateways", "exportTo")
                    .with("http", HTTP_ROUTE).with("tcp", L4_ROUTE).with("tls", L4_ROUTE),
            MeshKind.DESTINATION_RULE, FieldShape.of("host", "trafficPolicy", "exportTo", "workloadSelector")
                    .with("subsets", FieldShape.of("name", "labels", "trafficPolicy")),
            MeshKind.GATEWAY, FieldShape.of("selector")
                    .with("servers", FieldShape.of("bind", "hosts", "tls", "defaultEndpoint", "name").with("port", PORT)),
            MeshKind.SERVICE_ENTRY, FieldShape.of("hosts", "addresses", "location", "resolution", "endpoints",
                    "workloadSelector", "exportTo", "subjectAltNames").with("ports", PORT));

    private IstioFieldCatalog() {
    }

    /** The shape of {@code spec} of {@code kind}, or {@link FieldShape#ANY} for kinds not catalogued. */
    static FieldShape spec(MeshKind kind) {
        return SPECS.getOrDefault(kind, FieldShape.ANY);
    }
}
