package io.jenkins.plugins.mesh.engine.validate;

import io.jenkins.plugins.mesh.engine.config.Destination;
import io.jenkins.plugins.mesh.engine.config.HttpRouteConfig;
import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.RouteRule;
import io.jenkins.plugins.mesh.engine.config.VirtualServiceConfig;
import java.util.List;
import java.util.Set;

/**
 * IST0101: what a route names must exist. Destination hosts need a Service or ServiceEntry, subsets a
 * DestinationRule for that host that defines them (mirrors included), gateways a Gateway, HTTPRoute backends (and
 * the backends of RequestMirror filters) a Service. Every
 * look-up goes through the indexes of {@link MeshConfig}.
 */
final class ReferenceRule implements Rule {

    @Override
    public void check(MeshConfig mesh, Findings out) {
        for (VirtualServiceConfig vs : mesh.virtualServices()) {
            if (!Rule.inWorkspace(vs.resource())) {
                continue;
            }
            for (RouteRule route : vs.http()) {
                for (Destination destination : route.destinations()) {
                    checkDestination(mesh, vs.resource(), destination, out);
                }
            }
            for (Destination destination : vs.otherDestinations()) {
                checkDestination(mesh, vs.resource(), destination, out);
            }
            for (Destination mirror : vs.mirrors()) {
                checkDestination(mesh, vs.resource(), mirror, out);
            }
            List<String> keys = vs.gatewayKeys();
            List<String> written = vs.gateways().stream().filter(g -> !g.equals("mesh")).toList();
            for (int i = 0; i < keys.size(); i++) {
                if (mesh.gateway(keys.get(i)) == null) {
                    int index = vs.gateways().indexOf(written.get(i));
                    out.add(FindingCode.IST0101, vs.resource(), "spec.gateways[" + index + "]", "Referenced gateway "
                            + "not found: \"" + keys.get(i) + "\"; create the Gateway or fix the name (namespace/name "
                            + "for a Gateway in another namespace)");
                }
            }
        }
        for (HttpRouteConfig route : mesh.httpRoutes()) {
            if (Rule.inWorkspace(route.resource())) {
                checkBackends(mesh, route, out);
            }
        }
    }

    private void checkDestination(MeshConfig mesh, MeshResource resource, Destination destination, Findings out) {
        if (destination.fqdn() == null || destination.fqdn().contains("*")) {
            return;
        }
        // a single mirror is the destination itself; other destinations sit under "destination"
        String path = destination.path().endsWith(".mirror") ? destination.path() : destination.path() + ".destination";
        if (!mesh.hostExists(destination.fqdn())) {
            out.add(FindingCode.IST0101, resource, path + ".host", "Referenced host not found: \"" + destination.fqdn()
                    + "\"; create a Service (or a ServiceEntry for an external host) named "
                    + destination.host() + ", or fix the host");
        }
        if (destination.subset() == null) {
            return;
        }
        Set<String> subsets = mesh.subsets(destination.fqdn());
        if (!subsets.contains(destination.subset())) {
            String known = mesh.hasDestinationRule(destination.fqdn())
                    ? "the DestinationRule for it defines " + (subsets.isEmpty() ? "no subsets" : subsets.stream()
                            .sorted().toList())
                    : "no DestinationRule has host " + destination.fqdn();
            out.add(FindingCode.IST0101, resource, path + ".subset", "Referenced host+subset in destinationrule not "
                    + "found: \"" + destination.fqdn() + "+" + destination.subset() + "\"; " + known + ": add subset "
                    + destination.subset() + " to a DestinationRule for the host, or fix the subset name");
        }
    }

    private void checkBackends(MeshConfig mesh, HttpRouteConfig route, Findings out) {
        List<Destination> backends = new java.util.ArrayList<>();
        route.rules().forEach(rule -> backends.addAll(rule.destinations()));
        backends.addAll(route.mirrors());
        for (Destination backend : backends) {
            if (backend.fqdn() == null || mesh.serviceExists(backend.fqdn())) {
                continue;
            }
            out.add(FindingCode.IST0101, route.resource(), backend.path() + ".name", "Referenced Service not found: "
                    + "\"" + backend.fqdn() + "\"; create the Service " + backend.host() + " or fix backendRef name"
                    + " and namespace");
        }
    }
}
