package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.config.YamlValues.list;
import static io.jenkins.plugins.mesh.engine.config.YamlValues.map;

import io.jenkins.plugins.mesh.engine.KubernetesName;
import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.MeshKind;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.YamlValues;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * IST0106 for VirtualServices: the rules Istio's validating webhook applies to hosts, routes, destinations and
 * weights (relative since Istio 1.15: each >= 0, not all 0). Route policies are in {@link HttpPolicyRule}.
 */
final class VirtualServiceSchemaRule implements Rule {

    @Override
    public void check(MeshConfig mesh, Findings out) {
        Set<String> delegates = delegateTargets(mesh);
        for (MeshResource resource : mesh.resources()) {
            if (resource.kind() == MeshKind.VIRTUAL_SERVICE && Rule.inWorkspace(resource)) {
                check(new FieldChecker(resource, out, FindingCode.IST0106), delegates);
            }
        }
    }

    /** {@code ns/name} of every VirtualService another one delegates to: those may omit hosts. */
    private static Set<String> delegateTargets(MeshConfig mesh) {
        Set<String> targets = new HashSet<>();
        for (MeshResource resource : mesh.resources()) {
            if (resource.kind() != MeshKind.VIRTUAL_SERVICE) {
                continue;
            }
            for (Object route : list(resource.spec().get("http"))) {
                Map<String, Object> delegate = map(map(route).get("delegate"));
                String name = YamlValues.text(delegate.get("name"));
                if (name != null) {
                    String ns = YamlValues.text(delegate.get("namespace"));
                    targets.add((ns == null ? resource.namespace() : ns) + "/" + name);
                }
            }
        }
        return targets;
    }

    private void check(FieldChecker check, Set<String> delegates) {
        MeshResource resource = check.resource();
        Map<String, Object> spec = resource.spec();
        if (!(resource.body().get("spec") instanceof Map<?, ?>)) {
            check.error("spec", "spec is missing or not a mapping; add spec with hosts and http routes");
            return;
        }
        boolean isDelegate = delegates.contains(resource.namespace() + "/" + resource.name());
        List<Object> hosts = list(spec.get("hosts"));
        List<Object> gateways = list(spec.get("gateways"));
        if (hosts.isEmpty() && !isDelegate) {
            check.error("spec.hosts", "spec.hosts is empty; list the hosts this VirtualService routes, e.g. "
                    + resource.name());
        }
        boolean mesh = gateways.isEmpty() || gateways.contains("mesh");
        for (int i = 0; i < hosts.size(); i++) {
            Object host = hosts.get(i);
            String path = "spec.hosts[" + i + "]";
            if (!(host instanceof String text) || text.isEmpty()) {
                check.error(path, path + " must be a host name, not " + FieldChecker.describe(host));
            } else if (text.equals("*") && mesh) {
                check.error(path, "host '*' is not allowed for the mesh; name the hosts, or bind the VirtualService "
                        + "to a gateway");
            } else {
                HostSyntax.check(check, path, text, true);
            }
        }
        for (int i = 0; i < gateways.size(); i++) {
            if (!(gateways.get(i) instanceof String g) || !isGatewayName(g)) {
                check.error("spec.gateways[" + i + "]", "spec.gateways[" + i + "] " + FieldChecker.describe(
                        gateways.get(i)) + " is not a gateway name; use 'mesh', 'name' or 'namespace/name'");
            }
        }
        if (list(spec.get("http")).isEmpty() && list(spec.get("tcp")).isEmpty() && list(spec.get("tls")).isEmpty()) {
            check.error("spec", "the VirtualService has no http, tcp or tls routes; add at least one route");
        }
        List<Object> http = list(spec.get("http"));
        for (int i = 0; i < http.size(); i++) {
            checkHttpRoute(check, "spec.http[" + i + "]", http.get(i), isDelegate);
        }
        for (String protocol : List.of("tcp", "tls")) {
            List<Object> routes = list(spec.get(protocol));
            for (int i = 0; i < routes.size(); i++) {
                String path = "spec." + protocol + "[" + i + "]";
                List<Object> destinations = list(map(routes.get(i)).get("route"));
                if (destinations.isEmpty()) {
                    check.error(path, path + " has no route destinations; add route with a destination host");
                }
                checkDestinations(check, path + ".route", destinations);
            }
        }
    }

    private void checkHttpRoute(FieldChecker check, String path, Object value, boolean isDelegate) {
        if (!(value instanceof Map<?, ?>)) {
            check.error(path, path + " must be a mapping with match and route, not " + FieldChecker.describe(value));
            return;
        }
        Map<String, Object> route = map(value);
        boolean hasRoute = !list(route.get("route")).isEmpty();
        int actions = (hasRoute ? 1 : 0) + (route.get("redirect") != null ? 1 : 0)
                + (route.get("directResponse") != null ? 1 : 0) + (route.get("delegate") != null ? 1 : 0);
        if (actions == 0) {
            check.error(path, "route " + label(route, path) + " has no route, redirect, directResponse or delegate; "
                    + "add a route destination");
        } else if (actions > 1) {
            check.error(path, "route " + label(route, path) + " has more than one of route, redirect, directResponse "
                    + "and delegate; keep exactly one");
        }
        if (isDelegate && route.get("delegate") != null) {
            check.error(path + ".delegate", "a delegate VirtualService cannot delegate again; route to a destination");
        }
        checkDestinations(check, path + ".route", list(route.get("route")));
        if (route.get("directResponse") != null) {
            check.integerInRange(path + ".directResponse.status", map(route.get("directResponse")).get("status"),
                    200, 599);
            if (map(route.get("directResponse")).get("status") == null) {
                check.error(path + ".directResponse", "directResponse needs a status (200-599)");
            }
        }
        if (route.get("redirect") != null) {
            Map<String, Object> redirect = map(route.get("redirect"));
            check.port(path + ".redirect.port", redirect.get("port"));
            Object code = redirect.get("redirectCode");
            if (code != null) {
                check.integerInRange(path + ".redirect.redirectCode", code, 300, 399);
            }
        }
    }

    /** Destination hosts, ports and relative weights of one route list. */
    static void checkDestinations(FieldChecker check, String path, List<Object> destinations) {
        long total = 0;
        boolean weightsKnown = true;
        for (int i = 0; i < destinations.size(); i++) {
            String itemPath = path + "[" + i + "]";
            Map<String, Object> item = map(destinations.get(i));
            if (!(destinations.get(i) instanceof Map<?, ?>) || !(item.get("destination") instanceof Map<?, ?>)) {
                check.error(itemPath, itemPath + " needs a destination with a host");
                weightsKnown = false;
                continue;
            }
            checkDestination(check, itemPath + ".destination", map(item.get("destination")));
            Object weight = item.get("weight");
            if (weight == null) {
                continue;
            }
            OptionalLong value = check.integer(itemPath + ".weight", weight);
            if (value.isEmpty()) {
                weightsKnown = false;
            } else if (value.getAsLong() < 0) {
                check.error(itemPath + ".weight", "weight " + value.getAsLong() + " < 0; weights are relative shares, "
                        + "use 0 or more");
                weightsKnown = false;
            } else if (value.getAsLong() > Integer.MAX_VALUE) {
                check.error(itemPath + ".weight", "weight " + value.getAsLong() + " is too large; use a smaller share");
                weightsKnown = false;
            } else {
                total += value.getAsLong();
            }
        }
        // An omitted weight is 0 (as in Istio): several destinations without weights get no traffic at all.
        if (destinations.size() > 1 && weightsKnown && total == 0) {
            check.error(path, "total destination weight = 0 in " + path + ": no destination gets traffic (an omitted "
                    + "weight is 0); give at least one destination a weight above 0");
        }
    }

    /** Host required, port number in range, subset a DNS-1123 label. */
    static void checkDestination(FieldChecker check, String path, Map<String, Object> destination) {
        Object host = destination.get("host");
        if (!(host instanceof String text) || text.isEmpty()) {
            check.error(path + ".host", "destination host is missing; name the Service, e.g. host: reviews");
        } else if (text.contains("*")) {
            check.error(path + ".host", "destination host '" + text + "' has a wildcard; name one host");
        } else {
            HostSyntax.check(check, path + ".host", text, false);
        }
        Object port = destination.get("port");
        if (port != null) {
            check.port(path + ".port.number", map(port).get("number"));
        }
        Object subset = destination.get("subset");
        if (subset != null && !(subset instanceof String)) {
            check.error(path + ".subset", "subset must be a name, not " + FieldChecker.describe(subset));
        }
    }

    /** {@code mesh}, {@code name} or {@code namespace/name}, each part a DNS-1123 label. */
    private static boolean isGatewayName(String gateway) {
        int slash = gateway.indexOf('/');
        if (slash < 0) {
            return KubernetesName.isLabel(gateway);
        }
        return KubernetesName.isLabel(gateway.substring(0, slash)) && KubernetesName.isLabel(gateway.substring(slash + 1));
    }

    private static String label(Map<String, Object> route, String path) {
        String name = YamlValues.text(route.get("name"));
        return name != null ? "\"" + name + "\"" : path;
    }
}
