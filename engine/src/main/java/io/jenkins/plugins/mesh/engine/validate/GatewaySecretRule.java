package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.config.YamlValues.map;

import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.Workloads;
import io.jenkins.plugins.mesh.engine.config.YamlValues;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The TLS credentials of Gateway servers, checked when Secrets were read (files rarely hold them): IST0101 when the
 * {@code credentialName} Secret is not in the namespace of the gateway's pods; IST0161 when it holds no usable
 * certificate and key ({@code tls.crt}/{@code tls.key} or {@code cert}/{@code key}), or the certificate is not
 * PEM X.509, has expired or is not valid yet.
 */
final class GatewaySecretRule implements Rule {

    private final Clock clock;

    GatewaySecretRule(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void check(MeshConfig mesh, Findings out) {
        if (!mesh.secretsKnown()) {
            return;
        }
        for (MeshResource gateway : mesh.gateways()) {
            if (!Rule.inWorkspace(gateway)) {
                continue;
            }
            List<Workloads.Pod> pods = mesh.workloads().selectedBy(GatewayServers.selector(gateway));
            if (pods.isEmpty()) {
                continue; // GatewayWorkloadRule reports it when the pods are known
            }
            String namespace = pods.get(0).namespace();
            List<Map<String, Object>> servers = GatewayServers.servers(gateway);
            for (int i = 0; i < servers.size(); i++) {
                String credential = YamlValues.text(map(servers.get(i).get("tls")).get("credentialName"));
                if (credential == null) {
                    continue;
                }
                String path = "spec.servers[" + i + "].tls.credentialName";
                String key = credential.indexOf('/') >= 0 ? credential : namespace + "/" + credential;
                MeshResource secret = mesh.secret(key);
                if (secret == null) {
                    out.add(FindingCode.IST0101, gateway, path, "Referenced credentialName not found: \"" + credential
                            + "\"; create the Secret " + key + " (in the namespace of the gateway's pods) or fix the "
                            + "name");
                    continue;
                }
                String problem = TlsCredential.problem(secret, clock.instant());
                if (problem != null) {
                    out.add(FindingCode.IST0161, gateway, path, "The credential referenced by the Gateway "
                            + gateway.name() + " in namespace " + namespace + " is invalid, which can cause the "
                            + "traffic not to work as expected: Secret " + key + " " + problem);
                }
            }
        }
    }
}
