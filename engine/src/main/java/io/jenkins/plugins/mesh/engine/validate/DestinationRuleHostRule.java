package io.jenkins.plugins.mesh.engine.validate;

import io.jenkins.plugins.mesh.engine.config.ExportTo;
import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.MeshKind;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.ServiceRegistry;
import io.jenkins.plugins.mesh.engine.config.Workloads;
import io.jenkins.plugins.mesh.engine.config.YamlValues;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * IST0174: a DestinationRule whose host no Service or ServiceEntry visible to it provides applies to nothing; usually
 * a typo or a rule left behind (wildcard hosts are not checked). IST0173: when the pods are known (read from the
 * files or the cluster), a subset whose labels (with the ServiceEntry's workload labels) select no pod sends its
 * traffic nowhere: 503 "no healthy upstream".
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
            ServiceRegistry.Entry entry = mesh.registry().lookup(host, resource.namespace(), ExportTo.of(resource));
            if (entry == null) {
                out.add(FindingCode.IST0174, resource, "spec.host", "The host " + host + " defined in the "
                        + "DestinationRule does not match any services in the mesh; create the Service (or a "
                        + "ServiceEntry), export it to namespace " + resource.namespace() + ", fix the host, or remove "
                        + "the rule");
            } else if (mesh.workloads().known()) {
                checkSubsets(mesh, resource, entry, out);
            }
        }
    }

    private static void checkSubsets(MeshConfig mesh, MeshResource rule, ServiceRegistry.Entry entry, Findings out) {
        List<Object> subsets = YamlValues.list(rule.spec().get("subsets"));
        for (int i = 0; i < subsets.size(); i++) {
            Map<String, Object> subset = YamlValues.map(subsets.get(i));
            String name = YamlValues.text(subset.get("name"));
            if (name == null) {
                continue;
            }
            Map<String, String> selector = new HashMap<>(entry.workloadLabels());
            selector.putAll(Workloads.labelMap(subset.get("labels")));
            boolean selects = mesh.workloads().pods().stream().anyMatch(pod -> !pod.assumed()
                    && Workloads.matches(selector, pod.labels()));
            if (!selects) {
                out.add(FindingCode.IST0173, rule, "spec.subsets[" + i + "].labels", "The Subset " + name + " defined "
                        + "in the DestinationRule does not select any pods. Which may lead to 503 UH "
                        + "(NoHealthyUpstream); fix its labels " + selector + " or deploy the version");
            }
        }
    }
}
