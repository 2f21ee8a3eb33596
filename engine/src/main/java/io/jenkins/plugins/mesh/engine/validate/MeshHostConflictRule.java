package io.jenkins.plugins.mesh.engine.validate;

import io.jenkins.plugins.mesh.engine.config.HostName;
import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.VirtualServiceConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * IST0109: two VirtualServices bound to the mesh for the same host. Sidecars then use one of them, which one is
 * undefined; a canary that shifts weights in one may shift nothing.
 */
final class MeshHostConflictRule implements Rule {

    @Override
    public void check(MeshConfig mesh, Findings out) {
        Map<String, List<VirtualServiceConfig>> byHost = new HashMap<>();
        // identity: records compare their whole bodies, which is slow and not what is meant here
        Map<VirtualServiceConfig, Map<String, Integer>> hostIndex = new IdentityHashMap<>();
        for (VirtualServiceConfig vs : mesh.virtualServices()) {
            if (!vs.boundToMesh()) {
                continue;
            }
            for (int i = 0; i < vs.hosts().size(); i++) {
                String fqdn = HostName.resolve(vs.hosts().get(i), vs.resource().namespace());
                List<VirtualServiceConfig> owners = byHost.computeIfAbsent(fqdn, h -> new ArrayList<>(1));
                if (owners.isEmpty() || owners.get(owners.size() - 1) != vs) {
                    owners.add(vs);
                    hostIndex.computeIfAbsent(vs, v -> new HashMap<>()).put(fqdn, i);
                }
            }
        }
        for (Map.Entry<String, List<VirtualServiceConfig>> entry : byHost.entrySet()) {
            List<VirtualServiceConfig> owners = entry.getValue();
            if (owners.size() < 2) {
                continue;
            }
            String names = owners.stream().map(v -> v.resource().namespace() + "/" + v.resource().name())
                    .sorted().collect(Collectors.joining(","));
            for (VirtualServiceConfig vs : owners) {
                if (Rule.inWorkspace(vs.resource())) {
                    out.add(FindingCode.IST0109, vs.resource(), "spec.hosts[" + hostIndex.get(vs).get(entry.getKey())
                            + "]", "The VirtualServices " + names + " associated with mesh gateway define the same host "
                            + entry.getKey() + " which can lead to undefined behavior. This can be fixed by merging "
                            + "the conflicting VirtualServices into a single resource.");
                }
            }
        }
    }
}
