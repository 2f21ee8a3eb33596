package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.config.YamlValues.list;
import static io.jenkins.plugins.mesh.engine.config.YamlValues.map;

import io.jenkins.plugins.mesh.engine.config.MeshKind;
import io.jenkins.plugins.mesh.engine.config.YamlValues;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** IST0106 for Istio Gateways: at least one server, each with hosts and a valid port with a protocol. */
final class GatewaySchemaRule extends ResourceRule {

    GatewaySchemaRule() {
        super(MeshKind.GATEWAY, FindingCode.IST0106);
    }

    @Override
    void check(FieldChecker check) {
        List<Object> servers = list(check.resource().spec().get("servers"));
        if (servers.isEmpty()) {
            check.error("spec.servers", "the Gateway has no servers; add a server with a port and hosts");
        }
        Set<String> portNames = new HashSet<>();
        for (int i = 0; i < servers.size(); i++) {
            String path = "spec.servers[" + i + "]";
            Map<String, Object> server = map(servers.get(i));
            List<String> hosts = YamlValues.strings(server.get("hosts"));
            if (hosts.isEmpty()) {
                check.error(path + ".hosts", "server " + i + " has no hosts; list the hosts it serves, e.g. "
                        + "\"*.example.com\"");
            }
            for (int h = 0; h < hosts.size(); h++) {
                String host = hosts.get(h);
                // "namespace/host": the namespace part is '*', '.', '~' or a namespace name
                HostSyntax.check(check, path + ".hosts[" + h + "]", host.substring(host.indexOf('/') + 1), true);
            }
            if (!(server.get("port") instanceof Map<?, ?>)) {
                check.error(path + ".port", "server " + i + " has no port; add port with number, name and protocol");
                continue;
            }
            Map<String, Object> port = map(server.get("port"));
            if (port.get("number") == null) {
                check.error(path + ".port", "server " + i + " port has no number; add e.g. number: 80");
            }
            check.port(path + ".port.number", port.get("number"));
            if (YamlValues.text(port.get("protocol")) == null) {
                check.error(path + ".port.protocol", "server " + i + " port has no protocol; use HTTP, HTTPS, GRPC, "
                        + "HTTP2, TCP or TLS");
            }
            String name = YamlValues.text(port.get("name"));
            if (name != null && !portNames.add(name)) {
                check.error(path + ".port.name", "port name '" + name + "' is used by two servers; port names must "
                        + "be unique");
            }
            String protocol = String.valueOf(port.get("protocol")).toUpperCase(java.util.Locale.ROOT);
            if ((protocol.equals("HTTPS") || protocol.equals("TLS")) && server.get("tls") == null) {
                check.error(path + ".tls", "server " + i + " uses " + protocol + " but has no tls settings; add tls "
                        + "(mode and credentialName)");
            }
        }
    }
}
