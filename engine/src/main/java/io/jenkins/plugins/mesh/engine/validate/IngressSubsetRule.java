package io.jenkins.plugins.mesh.engine.validate;

import io.jenkins.plugins.mesh.engine.config.Destination;
import io.jenkins.plugins.mesh.engine.config.HostName;
import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.RouteRule;
import io.jenkins.plugins.mesh.engine.config.VirtualServiceConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IST0140: a VirtualService bound to gateways routes to a host without a subset while another VirtualService for
 * that host splits it by subsets. Requests entering through the gateway take the gateway's route, so the subsets
 * (a canary's weights among them) do not apply to them.
 */
final class IngressSubsetRule implements Rule {

    @Override
    public void check(MeshConfig mesh, Findings out) {
        // fully qualified host -> the VirtualServices for that host that route to it by subset
        Map<String, List<VirtualServiceConfig>> splitBySubset = new HashMap<>();
        for (VirtualServiceConfig vs : mesh.virtualServices()) {
            Set<String> own = new java.util.HashSet<>();
            vs.hosts().forEach(h -> own.add(HostName.resolve(h, vs.resource().namespace())));
            for (RouteRule route : vs.http()) {
                for (Destination destination : route.destinations()) {
                    if (destination.subset() != null && own.contains(destination.fqdn())) {
                        List<VirtualServiceConfig> split = splitBySubset.computeIfAbsent(destination.fqdn(),
                                h -> new ArrayList<>());
                        if (split.isEmpty() || split.get(split.size() - 1) != vs) {
                            split.add(vs);
                        }
                    }
                }
            }
        }
        for (VirtualServiceConfig vs : mesh.virtualServices()) {
            if (!Rule.inWorkspace(vs.resource()) || vs.gateways().isEmpty()) {
                continue;
            }
            for (RouteRule route : vs.http()) {
                for (Destination destination : route.destinations()) {
                    if (destination.subset() != null || destination.fqdn() == null) {
                        continue;
                    }
                    for (VirtualServiceConfig split : splitBySubset.getOrDefault(destination.fqdn(), List.of())) {
                        out.add(FindingCode.IST0140, vs.resource(), destination.path() + ".destination.host",
                                "Subset in virtual service " + split.resource().namespace() + "/"
                                        + split.resource().name() + " has no effect on ingress gateway "
                                        + vs.resource().namespace() + "/" + vs.resource().name() + " requests; route "
                                        + "to the subsets here too if gateway traffic should follow them");
                    }
                }
            }
        }
    }
}
