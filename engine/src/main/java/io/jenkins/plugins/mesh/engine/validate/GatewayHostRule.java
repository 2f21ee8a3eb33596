package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.config.YamlValues.list;
import static io.jenkins.plugins.mesh.engine.config.YamlValues.map;

import io.jenkins.plugins.mesh.engine.config.HostName;
import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.VirtualServiceConfig;
import io.jenkins.plugins.mesh.engine.config.YamlValues;
import java.util.ArrayList;
import java.util.List;

/**
 * IST0132: every host of a VirtualService bound to a Gateway must be served by one of that Gateway's servers
 * (server hosts {@code ns/host}, with {@code *} and {@code .} for any and the same namespace), or the gateway
 * never routes it.
 */
final class GatewayHostRule implements Rule {

    @Override
    public void check(MeshConfig mesh, Findings out) {
        for (VirtualServiceConfig vs : mesh.virtualServices()) {
            if (!Rule.inWorkspace(vs.resource())) {
                continue;
            }
            for (String key : vs.gatewayKeys()) {
                MeshResource gateway = mesh.gateway(key);
                if (gateway == null) {
                    continue;
                }
                List<String> served = servedHosts(gateway, vs.resource().namespace());
                for (int i = 0; i < vs.hosts().size(); i++) {
                    String host = vs.hosts().get(i);
                    if (served.stream().noneMatch(s -> HostName.matches(s, host))) {
                        out.add(FindingCode.IST0132, vs.resource(), "spec.hosts[" + i + "]", "one or more host [" + host
                                + "] defined in VirtualService " + vs.resource().namespace() + "/"
                                + vs.resource().name() + " not found in Gateway " + key + "; add the host to a "
                                + "server of the Gateway or remove the Gateway from spec.gateways");
                    }
                }
            }
        }
    }

    /** The hosts of {@code gateway}'s servers visible from VirtualServices in {@code namespace}. */
    private static List<String> servedHosts(MeshResource gateway, String namespace) {
        List<String> hosts = new ArrayList<>();
        for (Object server : list(gateway.spec().get("servers"))) {
            for (String host : YamlValues.strings(map(server).get("hosts"))) {
                int slash = host.indexOf('/');
                if (slash < 0) {
                    hosts.add(host);
                    continue;
                }
                String ns = host.substring(0, slash);
                boolean visible = ns.equals("*") || ns.equals(namespace)
                        || (ns.equals(".") && gateway.namespace().equals(namespace));
                if (visible) {
                    hosts.add(host.substring(slash + 1));
                }
            }
        }
        return hosts;
    }
}
