package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.config.YamlValues.map;

import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.YamlValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IST0138: the same certificate (the same {@code credentialName}, or the same {@code serverCertificate} and
 * {@code privateKey} files) on servers of two Gateways whose workloads overlap (the other Gateway's selector holds
 * this one's). Clients that reuse an HTTP/2 connection for both hosts then get 404s (Envoy issue 6767).
 */
final class GatewayCertificateRule implements Rule {

    @Override
    public void check(MeshConfig mesh, Findings out) {
        // certificate -> the Gateways whose servers use it
        Map<String, List<MeshResource>> byCertificate = new HashMap<>();
        Map<MeshResource, Set<String>> certificates = new IdentityHashMap<>();
        for (MeshResource gateway : mesh.gateways()) {
            Set<String> own = new LinkedHashSet<>();
            for (Map<String, Object> server : GatewayServers.servers(gateway)) {
                String certificate = certificate(map(server.get("tls")));
                if (server.get("tls") != null && certificate != null) {
                    own.add(certificate);
                }
            }
            certificates.put(gateway, own);
            own.forEach(c -> byCertificate.computeIfAbsent(c, k -> new ArrayList<>()).add(gateway));
        }
        for (MeshResource gateway : mesh.gateways()) {
            if (!Rule.inWorkspace(gateway)) {
                continue;
            }
            Map<String, String> selector = GatewayServers.selector(gateway);
            Set<MeshResource> reported = Collections.newSetFromMap(new IdentityHashMap<>());
            for (String certificate : certificates.get(gateway)) {
                for (MeshResource other : byCertificate.get(certificate)) {
                    if (other == gateway || !reported.add(other)
                            || !GatewayServers.selector(other).entrySet().containsAll(selector.entrySet())) {
                        continue;
                    }
                    out.add(FindingCode.IST0138, gateway, "metadata.name", "Duplicate certificate in multiple gateways ["
                            + gateway.namespace() + "/" + gateway.name() + " " + other.namespace() + "/" + other.name()
                            + "] may cause 404s if clients re-use HTTP2 connections; give each Gateway its own "
                            + "certificate, or serve the hosts from one server");
                }
            }
        }
    }

    /** What identifies the certificate of a server's {@code tls}, or null when it names none. */
    private static String certificate(Map<String, Object> tls) {
        String credential = YamlValues.text(tls.get("credentialName"));
        if (credential != null) {
            return "credentialName:" + credential;
        }
        String cert = YamlValues.text(tls.get("serverCertificate"));
        String key = YamlValues.text(tls.get("privateKey"));
        return cert != null && key != null ? "files:" + cert + "\n" + key : null;
    }
}
