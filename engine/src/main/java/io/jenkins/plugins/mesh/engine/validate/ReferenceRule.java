package io.jenkins.plugins.mesh.engine.validate;

import io.jenkins.plugins.mesh.engine.config.Destination;
import io.jenkins.plugins.mesh.engine.config.ExportTo;
import io.jenkins.plugins.mesh.engine.config.HttpRouteConfig;
import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.RouteRule;
import io.jenkins.plugins.mesh.engine.config.ServiceRegistry;
import io.jenkins.plugins.mesh.engine.config.VirtualServiceConfig;
import io.jenkins.plugins.mesh.engine.config.YamlValues;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * IST0101 and IST0112: what a route names must exist and be visible. Destination and mirror hosts need a Service or
 * ServiceEntry exported to the VirtualService's namespace (or to the namespaces the VirtualService is exported to),
 * a destination port one of that host's ports, and, when the host has several ports, a port at all; subsets need a
 * visible DestinationRule for the host that defines them; HTTPRoute backends (and the backends of RequestMirror filters) a Service. Every look-up goes through
 * the indexes of {@link MeshConfig}.
 */
final class ReferenceRule implements Rule {

    @Override
    public void check(MeshConfig mesh, Findings out) {
        for (VirtualServiceConfig vs : mesh.virtualServices()) {
            if (!Rule.inWorkspace(vs.resource())) {
                continue;
            }
            List<String> exportTo = ExportTo.of(vs.resource());
            for (RouteRule route : vs.http()) {
                for (Destination destination : route.destinations()) {
                    checkDestination(mesh, vs.resource(), exportTo, destination, false, out);
                }
            }
            for (Destination destination : vs.otherDestinations()) {
                checkDestination(mesh, vs.resource(), exportTo, destination, false, out);
            }
            for (Destination mirror : vs.mirrors()) {
                checkDestination(mesh, vs.resource(), exportTo, mirror, true, out);
            }
        }
        for (HttpRouteConfig route : mesh.httpRoutes()) {
            if (Rule.inWorkspace(route.resource())) {
                checkBackends(mesh, route, out);
            }
        }
    }

    private void checkDestination(MeshConfig mesh, MeshResource resource, List<String> exportTo,
            Destination destination, boolean mirror, Findings out) {
        // a single mirror is the destination itself; other destinations sit under "destination"
        String path = destination.path().endsWith(".mirror") ? destination.path() : destination.path() + ".destination";
        String what = mirror ? "mirror host" : "host";
        if (destination.host() == null) {
            out.add(FindingCode.IST0101, resource, path, "Referenced " + what + " not found: \"\"; name the Service "
                    + "the traffic goes to in host");
            return;
        }
        if (destination.fqdn().contains("*")) {
            return;
        }
        ServiceRegistry.Entry entry = mesh.registry().lookup(destination.host(), resource.namespace(), exportTo);
        if (entry == null) {
            out.add(FindingCode.IST0101, resource, path + ".host", "Referenced " + what + " not found: \""
                    + destination.host() + "\"" + resolved(destination) + "; " + missingHostHint(mesh, destination,
                            resource));
        } else {
            checkPort(resource, path, destination, entry, out);
        }
        if (destination.subset() == null) {
            return;
        }
        Set<String> subsets = mesh.subsetsVisibleIn(destination.fqdn(), resource.namespace());
        if (!subsets.contains(destination.subset())) {
            String known = mesh.hasDestinationRuleIn(destination.fqdn(), resource.namespace())
                    ? "the DestinationRule for it defines " + (subsets.isEmpty() ? "no subsets" : subsets.stream()
                            .sorted().toList())
                    : mesh.hasDestinationRule(destination.fqdn()) ? "the DestinationRule for it is not exported to "
                            + "namespace " + resource.namespace()
                            : "no DestinationRule has host " + destination.fqdn();
            out.add(FindingCode.IST0101, resource, path + ".subset", "Referenced " + (mirror ? "mirror" : "host")
                    + "+subset in destinationrule not found: \"" + destination.host() + "+" + destination.subset()
                    + "\"" + resolved(destination) + "; " + known + ": add subset " + destination.subset() + " to a DestinationRule for the host, "
                    + "or fix the subset name");
        }
    }

    private static String resolved(Destination destination) {
        return destination.fqdn().equals(destination.host()) ? "" : " (" + destination.fqdn() + ")";
    }

    private static String missingHostHint(MeshConfig mesh, Destination destination, MeshResource resource) {
        if (mesh.hostDefined(destination.fqdn())) {
            return "it exists but is not exported to namespace " + resource.namespace() + ": add the namespace to its "
                    + "exportTo (or networking.istio.io/exportTo annotation)";
        }
        return "create a Service (or a ServiceEntry for an external host) named " + destination.host()
                + ", or fix the host";
    }

    private static void checkPort(MeshResource resource, String path, Destination destination,
            ServiceRegistry.Entry entry, Findings out) {
        Object port = YamlValues.map(YamlValues.map(destinationBody(resource, path)).get("port")).get("number");
        if (port == null) {
            if (entry.ports().size() > 1) {
                out.add(FindingCode.IST0112, resource, path + ".host", "This VirtualService routes to a service \""
                        + destination.host() + "\" that exposes multiple ports " + entry.ports().stream()
                                .map(String::valueOf).collect(Collectors.joining(" ", "[", "]"))
                        + ". Specifying a port in the destination is required to disambiguate.");
            }
            return;
        }
        if (!(port instanceof Number number) || !entry.ports().contains(number.longValue())) {
            out.add(FindingCode.IST0101, resource, path + ".port", "Referenced host:port not found: \""
                    + destination.host() + ":" + port + "\"; " + entry.source().displayName() + " has ports "
                    + entry.ports() + ": use one of them");
        }
    }

    /** The destination mapping at {@code path} ({@code spec.http[0].route[1].destination}, {@code ...mirror}). */
    private static Object destinationBody(MeshResource resource, String path) {
        Object current = resource.body();
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            String key = bracket < 0 ? part : part.substring(0, bracket);
            current = YamlValues.map(current).get(key);
            if (bracket >= 0) {
                int index = Integer.parseInt(part.substring(bracket + 1, part.indexOf(']')));
                List<Object> list = YamlValues.list(current);
                current = index < list.size() ? list.get(index) : null;
            }
        }
        return current;
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
