package io.jenkins.plugins.mesh.cli;

import io.jenkins.plugins.mesh.engine.KubernetesName;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Which object and route a traffic command works on: {@code -n NS --virtual-service NAME [--route R]}. */
public final class RouteOptions {

    @Option(names = {"-n", "--namespace"}, required = true, paramLabel = "NS", description = "namespace of the route")
    String namespace;

    @ArgGroup(exclusive = true, multiplicity = "1")
    RouteObject object;

    @Option(names = "--route", paramLabel = "NAME", description = "name of the HTTP route (VirtualService) or rule "
            + "(HTTPRoute); default: the single one holding both destinations")
    String route;

    /** Exactly one of the two kinds of object. */
    static final class RouteObject {
        @Option(names = "--virtual-service", paramLabel = "NAME", required = true,
                description = "Istio VirtualService name")
        String virtualService;

        @Option(names = "--http-route", paramLabel = "NAME", required = true,
                description = "Gateway API HTTPRoute name")
        String httpRoute;
    }

    RouteKind kind() {
        return object.virtualService != null ? RouteKind.VIRTUAL_SERVICE : RouteKind.HTTP_ROUTE;
    }

    /** Refuses names the API server would refuse, before anything is read. */
    void requireValidNames() {
        KubernetesName.requireLabel("namespace", namespace);
        KubernetesName.requireSubdomain(kind().kind() + " name", name());
    }

    String name() {
        return object.virtualService != null ? object.virtualService : object.httpRoute;
    }
}
