package io.jenkins.plugins.mesh.engine.validate;

import io.jenkins.plugins.mesh.engine.config.Destination;
import io.jenkins.plugins.mesh.engine.config.HostName;
import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.RouteRule;
import io.jenkins.plugins.mesh.engine.config.VirtualServiceConfig;
import java.util.List;
import java.util.stream.Collectors;

/**
 * MESH0001 and MESH0002: the route a canary will drive exists, is unambiguous, and holds both the stable and
 * the canary destination (as Argo Rollouts checks before touching anything). Weights are shifted between those
 * two only, so a missing one means the canary cannot get traffic or the rollback cannot restore it.
 */
final class CanaryRouteRule implements Rule {

    private final CanaryTarget target;

    CanaryRouteRule(CanaryTarget target) {
        this.target = target;
    }

    @Override
    public void check(MeshConfig mesh, Findings out) {
        MeshResource resource = null;
        List<RouteRule> routes = List.of();
        for (VirtualServiceConfig vs : mesh.virtualServices()) {
            if (matches(vs.resource())) {
                resource = vs.resource();
                routes = vs.http();
            }
        }
        for (var route : mesh.httpRoutes()) {
            if (matches(route.resource())) {
                resource = route.resource();
                routes = route.rules();
            }
        }
        String what = target.kind() + " " + target.namespace() + "/" + target.name();
        if (resource == null) {
            out.add(new Finding(FindingCode.MESH0002, Severity.ERROR, target.kind(), target.namespace(), target.name(),
                    "", 0, what + " is not among the files; pass the file that defines it, or fix the canary target "
                    + "name and namespace"));
            return;
        }
        RouteRule route = select(resource, routes, out);
        if (route == null) {
            return;
        }
        boolean stable = holds(route, target.stable(), resource.namespace());
        boolean canary = holds(route, target.canary(), resource.namespace());
        if (!stable || !canary) {
            String missing = !stable && !canary ? "neither the stable (" + target.stable() + ") nor the canary ("
                    + target.canary() + ") destination" : "no " + (stable ? "canary" : "stable") + " destination "
                    + (stable ? target.canary() : target.stable());
            out.add(FindingCode.MESH0001, resource, route.path(), what + " route " + route.label() + " has " + missing
                    + "; add it to the route (weight 0 for the canary) so the canary can shift traffic, or name "
                    + "another route");
        }
    }

    private boolean matches(MeshResource resource) {
        return resource.kind().kind().equals(target.kind()) && resource.namespace().equals(target.namespace())
                && resource.name().equals(target.name());
    }

    private RouteRule select(MeshResource resource, List<RouteRule> routes, Findings out) {
        if (target.route() != null) {
            for (RouteRule route : routes) {
                if (target.route().equals(route.name())) {
                    return route;
                }
            }
            out.add(FindingCode.MESH0002, resource, "spec", resource.displayName() + " has no route named '"
                    + target.route() + "' (routes: " + names(routes) + "); name the route in the config or fix the "
                    + "route setting");
            return null;
        }
        List<RouteRule> candidates = routes.stream().filter(r -> holds(r, target.stable(), resource.namespace())
                || holds(r, target.canary(), resource.namespace())).toList();
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.isEmpty() && routes.size() == 1) {
            return routes.get(0);
        }
        String problem = candidates.isEmpty() ? "no route holds the stable (" + target.stable() + ") or canary ("
                + target.canary() + ") destination" : candidates.size() + " routes hold them (" + names(candidates)
                + "); name the route to use";
        out.add(FindingCode.MESH0002, resource, "spec", resource.displayName() + ": " + problem);
        return null;
    }

    /** Whether a destination of {@code route} is {@code wanted}: its subset, or its host (short or full). */
    private static boolean holds(RouteRule route, String wanted, String namespace) {
        String fqdn = HostName.resolve(wanted, namespace);
        for (Destination destination : route.destinations()) {
            if (wanted.equals(destination.subset())) {
                return true;
            }
            if (destination.subset() == null && (wanted.equals(destination.host()) || fqdn.equals(destination.fqdn()))) {
                return true;
            }
        }
        return false;
    }

    private static String names(List<RouteRule> routes) {
        return routes.isEmpty() ? "none" : routes.stream().map(RouteRule::label).collect(Collectors.joining(", "));
    }
}
