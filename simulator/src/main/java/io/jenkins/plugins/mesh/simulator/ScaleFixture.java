package io.jenkins.plugins.mesh.simulator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The VirtualService and DestinationRule of one generated service, for scale tests. */
final class ScaleFixture {

    private ScaleFixture() {
    }

    static GenericKubernetesResource virtualService(String namespace, String host, String routeName) {
        GenericKubernetesResource vs = resource("VirtualService", namespace, host);
        vs.setAdditionalProperty("spec", map(
                "hosts", List.of(host),
                "http", List.of(map(
                        "name", routeName,
                        "route", List.of(
                                map("destination", map("host", host, "subset", "v1"), "weight", 100),
                                map("destination", map("host", host, "subset", "v2"), "weight", 0))))));
        return vs;
    }

    static GenericKubernetesResource destinationRule(String namespace, String host) {
        GenericKubernetesResource dr = resource("DestinationRule", namespace, host);
        dr.setAdditionalProperty("spec", map(
                "host", host,
                "subsets", List.of(
                        map("name", "v1", "labels", map("version", "v1")),
                        map("name", "v2", "labels", map("version", "v2")))));
        return dr;
    }

    private static GenericKubernetesResource resource(String kind, String namespace, String name) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion(MeshResources.ISTIO_GROUP + "/v1");
        resource.setKind(kind);
        resource.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        return resource;
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
