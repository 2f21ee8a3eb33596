package io.jenkins.plugins.mesh.engine.validate;

import io.jenkins.plugins.mesh.engine.config.ExportTo;
import io.jenkins.plugins.mesh.engine.config.HostName;
import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.VirtualServiceConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * IST0109: two VirtualServices bound to the mesh define the same host where both are visible. Sidecars then use one
 * of them, which one is undefined; a canary that shifts weights in one may shift nothing. As in {@code istioctl
 * analyze}: hosts resolve in their VirtualService's namespace; VirtualServices exported to some namespaces conflict
 * there with each other and with those exported everywhere (wildcard hosts matching); each VirtualService is
 * reported once, on its name.
 */
final class MeshHostConflictRule implements Rule {

    @Override
    public void check(MeshConfig mesh, Findings out) {
        // scope ("*" or a namespace) + "/" + fully qualified host -> the VirtualServices defining it there
        Map<String, List<VirtualServiceConfig>> byScopedHost = new LinkedHashMap<>();
        Map<String, List<VirtualServiceConfig>> everywhere = new HashMap<>();
        List<String> wildcardsEverywhere = new ArrayList<>();
        for (VirtualServiceConfig vs : mesh.virtualServices()) {
            if (!vs.boundToMesh()) {
                continue;
            }
            Set<String> scopes = ExportTo.scopes(ExportTo.of(vs.resource()), vs.resource().namespace());
            for (String scope : scopes) {
                for (String host : vs.hosts()) {
                    String fqdn = HostName.resolve(host, vs.resource().namespace());
                    List<VirtualServiceConfig> owners = byScopedHost.computeIfAbsent(scope + "/" + fqdn,
                            k -> new ArrayList<>(1));
                    if (owners.stream().noneMatch(o -> o == vs)) {
                        owners.add(vs);
                    }
                    if (scope.equals(ExportTo.ALL) && everywhere.put(fqdn, owners) == null && fqdn.startsWith("*")) {
                        wildcardsEverywhere.add(fqdn);
                    }
                }
            }
        }
        Set<VirtualServiceConfig> reported = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, List<VirtualServiceConfig>> entry : byScopedHost.entrySet()) {
            String scope = entry.getKey().substring(0, entry.getKey().indexOf('/'));
            String fqdn = entry.getKey().substring(scope.length() + 1);
            List<VirtualServiceConfig> owners = new ArrayList<>(entry.getValue());
            if (!scope.equals(ExportTo.ALL)) {
                // exact names by look-up; wildcards (on either side) need a comparison
                addAll(everywhere.getOrDefault(fqdn, List.of()), owners);
                for (String host : fqdn.startsWith("*") ? everywhere.keySet() : wildcardsEverywhere) {
                    if (HostName.matches(fqdn, host)) {
                        addAll(everywhere.get(host), owners);
                    }
                }
            }
            if (owners.size() < 2) {
                continue;
            }
            String names = owners.stream().map(v -> v.resource().namespace() + "/" + v.resource().name())
                    .sorted().collect(Collectors.joining(","));
            for (VirtualServiceConfig vs : owners) {
                if (Rule.inWorkspace(vs.resource()) && reported.add(vs)) {
                    out.add(FindingCode.IST0109, vs.resource(), "metadata.name", "The VirtualServices " + names
                            + " associated with mesh gateway define the same host " + fqdn + " which can lead to "
                            + "undefined behavior. This can be fixed by merging the conflicting VirtualServices into a "
                            + "single resource.");
                }
            }
        }
    }

    private static void addAll(List<VirtualServiceConfig> from, List<VirtualServiceConfig> to) {
        from.stream().filter(v -> to.stream().noneMatch(o -> o == v)).forEach(to::add);
    }
}
