package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.config.YamlValues.map;

import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.Workloads;
import io.jenkins.plugins.mesh.engine.config.YamlValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.TreeSet;

/**
 * IST0145: two Gateways for the same workload (the same selector, or selectors of which one holds the other and a
 * known pod carries both) with servers on the same port that list the same host with the same bind address. The
 * gateway then serves one of them; which one is undefined.
 */
final class GatewayConflictRule implements Rule {

    @Override
    public void check(MeshConfig mesh, Findings out) {
        // port, bind and host -> the Gateways with a server for them
        Map<String, List<MeshResource>> byListener = new HashMap<>();
        for (MeshResource gateway : mesh.gateways()) {
            for (Map<String, Object> server : GatewayServers.servers(gateway)) {
                for (String host : YamlValues.strings(server.get("hosts"))) {
                    List<MeshResource> gateways = byListener.computeIfAbsent(listener(server, host),
                            k -> new ArrayList<>(1));
                    if (gateways.isEmpty() || gateways.get(gateways.size() - 1) != gateway) {
                        gateways.add(gateway);
                    }
                }
            }
        }
        for (MeshResource gateway : mesh.gateways()) {
            if (!Rule.inWorkspace(gateway)) {
                continue;
            }
            Map<String, String> selector = GatewayServers.selector(gateway);
            List<Map<String, Object>> own = GatewayServers.servers(gateway);
            for (int i = 0; i < own.size(); i++) {
                Map<String, Object> server = own.get(i);
                Object port = map(server.get("port")).get("number");
                if (port == null) {
                    continue;
                }
                List<String> hosts = YamlValues.strings(server.get("hosts"));
                TreeSet<String> conflicting = new TreeSet<>();
                for (String host : hosts) {
                    for (MeshResource other : byListener.getOrDefault(listener(server, host), List.of())) {
                        if (other != gateway && sameWorkload(mesh, selector, GatewayServers.selector(other))) {
                            conflicting.add(other.namespace() + "/" + other.name());
                        }
                    }
                }
                if (!conflicting.isEmpty()) {
                    out.add(FindingCode.IST0145, gateway, "spec.servers[" + i + "]", "Conflict with gateways "
                            + String.join(",", conflicting) + " (workload selector " + GatewayServers.selectorText(
                                    selector) + ", port " + port + ", hosts " + String.join(",", hosts) + "); merge "
                            + "the servers into one Gateway or give them different hosts");
                }
            }
        }
    }

    private static String listener(Map<String, Object> server, String host) {
        return map(server.get("port")).get("number") + " " + server.get("bind") + " " + host;
    }

    private static boolean sameWorkload(MeshConfig mesh, Map<String, String> a, Map<String, String> b) {
        if (a.equals(b)) {
            return true;
        }
        boolean nested = a.entrySet().containsAll(b.entrySet()) || b.entrySet().containsAll(a.entrySet());
        if (!nested) {
            return false;
        }
        Map<String, String> larger = a.size() >= b.size() ? a : b;
        return mesh.workloads().pods().stream().anyMatch(pod -> Workloads.matches(larger, pod.labels()));
    }
}
