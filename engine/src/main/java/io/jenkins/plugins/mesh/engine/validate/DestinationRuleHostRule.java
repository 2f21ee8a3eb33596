package io.jenkins.plugins.mesh.engine.validate;

import io.jenkins.plugins.mesh.engine.config.HostName;
import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.MeshKind;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.YamlValues;

/**
 * IST0174: a DestinationRule whose host no Service or ServiceEntry provides applies to nothing; usually a typo
 * or a rule left behind. Wildcard hosts are not checked.
 */
final class DestinationRuleHostRule implements Rule {

    @Override
    public void check(MeshConfig mesh, Findings out) {
        for (MeshResource resource : mesh.resources()) {
            if (resource.kind() != MeshKind.DESTINATION_RULE || !Rule.inWorkspace(resource)) {
                continue;
            }
            String host = YamlValues.text(resource.spec().get("host"));
            if (host == null || host.contains("*")) {
                continue;
            }
            String fqdn = HostName.resolve(host, resource.namespace());
            if (!mesh.hostExists(fqdn)) {
                out.add(FindingCode.IST0174, resource, "spec.host", "DestinationRule for non-existent service registry "
                        + "entry \"" + fqdn + "\"; create the Service (or a ServiceEntry), fix the host, or remove "
                        + "the rule");
            }
        }
    }
}
