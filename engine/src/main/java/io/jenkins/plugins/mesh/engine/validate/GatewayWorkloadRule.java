package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.config.YamlValues.list;
import static io.jenkins.plugins.mesh.engine.config.YamlValues.map;

import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.MeshKind;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.Workloads;
import io.jenkins.plugins.mesh.engine.config.YamlValues;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The workload behind an Istio Gateway. IST0101: when the pods are known, no pod carries the Gateway's selector, so
 * nothing serves it. IST0162: a server port that no Service in front of the selected pods exposes (as port or target
 * port), so clients coming through the Service cannot reach it. Files alone are checked against the default ingress
 * gateway {@code istioctl analyze} assumes, whose Service maps 80 to 8080 and 443 to 8443 like Istio's chart (and
 * exposes 80, 443, 31400 and 15443 as istioctl's does).
 */
final class GatewayWorkloadRule implements Rule {

    /** Ports and target ports of the assumed default ingress gateway Service. */
    private static final Set<Long> DEFAULT_INGRESS_PORTS = Set.of(80L, 8080L, 443L, 8443L, 15021L, 31400L, 15443L);

    @Override
    public void check(MeshConfig mesh, Findings out) {
        for (MeshResource gateway : mesh.gateways()) {
            if (Rule.inWorkspace(gateway)) {
                check(mesh, gateway, out);
            }
        }
    }

    private void check(MeshConfig mesh, MeshResource gateway, Findings out) {
        Map<String, String> selector = GatewayServers.selector(gateway);
        List<Workloads.Pod> pods = mesh.workloads().selectedBy(selector);
        String selectorText = GatewayServers.selectorText(selector);
        if (pods.isEmpty()) {
            if (mesh.workloads().known()) {
                out.add(FindingCode.IST0101, gateway, GatewayServers.selectorPath(gateway), "Referenced selector not "
                        + "found: \"" + selectorText + "\"; no pod carries these labels: fix spec.selector to match "
                        + "the gateway deployment's pod labels (Helm installs label it istio: ingress)");
            }
            return;
        }
        Set<Long> ports = new HashSet<>();
        for (Workloads.Pod pod : pods) {
            if (pod.assumed()) {
                ports.addAll(DEFAULT_INGRESS_PORTS);
            } else {
                addServicePorts(mesh, pod, ports);
            }
        }
        List<Map<String, Object>> servers = GatewayServers.servers(gateway);
        for (int i = 0; i < servers.size(); i++) {
            Object number = map(servers.get(i).get("port")).get("number");
            if (number instanceof Number n && !ports.contains(n.longValue())) {
                out.add(FindingCode.IST0162, gateway, "spec.servers[" + i + "].port.number", "The gateway is listening "
                        + "on a target port (port " + n + ") that is not defined in the Service associated with its "
                        + "workload instances (Pod selector " + selectorText + "). If you need to access the gateway "
                        + "port through the gateway Service, it will not be available.");
            }
        }
    }

    /** The TCP ports (and numeric target ports) of the Services of {@code pod}'s namespace that select it. */
    private static void addServicePorts(MeshConfig mesh, Workloads.Pod pod, Set<Long> ports) {
        for (MeshResource service : mesh.resources()) {
            if (service.kind() != MeshKind.SERVICE || !service.namespace().equals(pod.namespace())) {
                continue;
            }
            Map<String, String> selector = Workloads.labelMap(service.spec().get("selector"));
            if (selector.isEmpty() || !Workloads.matches(selector, pod.labels())) {
                continue;
            }
            for (Object item : list(service.spec().get("ports"))) {
                Map<String, Object> port = map(item);
                String protocol = YamlValues.text(port.get("protocol"));
                if (protocol != null && !protocol.equals("TCP")) {
                    continue;
                }
                if (port.get("port") instanceof Number number) {
                    ports.add(number.longValue());
                }
                if (port.get("targetPort") instanceof Number target) {
                    ports.add(target.longValue());
                }
            }
        }
    }
}
