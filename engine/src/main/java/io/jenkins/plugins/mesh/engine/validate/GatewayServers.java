package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.config.YamlValues.list;
import static io.jenkins.plugins.mesh.engine.config.YamlValues.map;

import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.Workloads;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What the gateway checks read of an Istio Gateway: its workload selector and its servers. */
final class GatewayServers {

    private GatewayServers() {
    }

    /** {@code spec.selector}, sorted by key. */
    static Map<String, String> selector(MeshResource gateway) {
        return new TreeMap<>(Workloads.labelMap(gateway.spec().get("selector")));
    }

    /** The selector the way Kubernetes prints it: {@code app=x,istio=ingressgateway}. */
    static String selectorText(Map<String, String> selector) {
        return selector.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** The servers, as mappings (items of another type read as empty). */
    static java.util.List<Map<String, Object>> servers(MeshResource gateway) {
        return list(gateway.spec().get("servers")).stream().map(s -> map(s)).toList();
    }

    /** The path of the first selector label, where selector findings point. */
    static String selectorPath(MeshResource gateway) {
        Map<String, Object> selector = map(gateway.spec().get("selector"));
        return selector.isEmpty() ? "spec.selector" : "spec.selector." + selector.keySet().iterator().next();
    }
}
