package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.config.YamlValues.list;
import static io.jenkins.plugins.mesh.engine.config.YamlValues.map;

import io.jenkins.plugins.mesh.engine.KubernetesName;
import io.jenkins.plugins.mesh.engine.config.MeshKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** IST0106 for DestinationRules: a host, and subsets with unique DNS-1123 names. */
final class DestinationRuleSchemaRule extends ResourceRule {

    DestinationRuleSchemaRule() {
        super(MeshKind.DESTINATION_RULE, FindingCode.IST0106);
    }

    @Override
    void check(FieldChecker check) {
        Map<String, Object> spec = check.resource().spec();
        if (!(spec.get("host") instanceof String host) || host.isEmpty()) {
            check.error("spec.host", "spec.host is missing; name the Service the rule applies to, e.g. host: reviews");
        }
        HostSyntax.check(check, "spec.host", spec.get("host"), true);
        List<Object> subsets = list(spec.get("subsets"));
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < subsets.size(); i++) {
            String path = "spec.subsets[" + i + "]";
            Object name = map(subsets.get(i)).get("name");
            if (!(name instanceof String text) || text.isEmpty()) {
                check.error(path + ".name", "subset " + i + " has no name; give it a name such as v1");
                continue;
            }
            if (!KubernetesName.isLabel(text)) {
                check.error(path + ".name", "subset name '" + text + "' is not a DNS-1123 label; use lower-case "
                        + "letters, digits and '-', at most 63 characters");
            }
            Integer first = seen.putIfAbsent(text, i);
            if (first != null) {
                check.error(path + ".name", "subset name '" + text + "' is used twice (subsets " + first + " and " + i
                        + "); rename or merge them");
            }
            Object labels = map(subsets.get(i)).get("labels");
            if (labels != null && !(labels instanceof Map<?, ?>)) {
                check.error(path + ".labels", "subset labels must be a mapping of pod labels, e.g. version: v1");
            }
        }
    }
}
