package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.config.YamlValues.list;
import static io.jenkins.plugins.mesh.engine.config.YamlValues.map;

import io.jenkins.plugins.mesh.engine.config.MeshKind;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.YamlValues;
import java.util.List;
import java.util.Map;

/**
 * IST0128 and IST0129: a DestinationRule whose TLS settings ({@code SIMPLE} or {@code MUTUAL}, for the whole host or
 * for one port) do not verify the server: no {@code caCertificates}, and no {@code credentialName} on a rule with a
 * {@code workloadSelector} (which can hold the CA). Such a client accepts any certificate, a man in the middle's
 * too. {@code insecureSkipVerify: true} says it is meant and is not reported.
 */
final class DestinationRuleTlsRule extends ResourceRule {

    DestinationRuleTlsRule() {
        super(MeshKind.DESTINATION_RULE, FindingCode.IST0128);
    }

    @Override
    void check(FieldChecker check) {
        MeshResource rule = check.resource();
        Map<String, Object> spec = rule.spec();
        boolean selector = spec.get("workloadSelector") != null;
        String host = String.valueOf(spec.get("host"));
        Map<String, Object> policy = map(spec.get("trafficPolicy"));
        String mode = unverified(map(policy.get("tls")), selector);
        if (mode != null) {
            check.report(FindingCode.IST0128, Severity.WARNING, "spec.trafficPolicy.tls.mode", "DestinationRule "
                    + rule.name() + " in namespace " + rule.namespace() + " has TLS mode set to " + mode + " but no "
                    + "caCertificates are set to validate server identity for host: " + host + "; set caCertificates "
                    + "(or credentialName with a workloadSelector)");
        }
        List<Object> ports = list(policy.get("portLevelSettings"));
        for (int i = 0; i < ports.size(); i++) {
            Map<String, Object> settings = map(ports.get(i));
            String portMode = unverified(map(settings.get("tls")), selector);
            if (portMode != null) {
                Object port = map(settings.get("port")).get("number");
                check.report(FindingCode.IST0129, Severity.WARNING, "spec.trafficPolicy.portLevelSettings[" + i
                        + "].tls.mode", "DestinationRule " + rule.name() + " in namespace " + rule.namespace()
                        + " has TLS mode set to " + portMode + " but no caCertificates are set to validate server "
                        + "identity for host: " + host + " at port " + port + "; set caCertificates (or "
                        + "credentialName with a workloadSelector)");
            }
        }
    }

    /** The mode when {@code tls} originates TLS without verifying the server, else null. */
    private static String unverified(Map<String, Object> tls, boolean selector) {
        String mode = YamlValues.text(tls.get("mode"));
        if (!"SIMPLE".equals(mode) && !"MUTUAL".equals(mode)) {
            return null;
        }
        boolean ca = YamlValues.text(tls.get("caCertificates")) != null;
        boolean credential = YamlValues.text(tls.get("credentialName")) != null && selector;
        boolean skip = Boolean.TRUE.equals(tls.get("insecureSkipVerify"));
        return ca || credential || skip ? null : mode;
    }
}
