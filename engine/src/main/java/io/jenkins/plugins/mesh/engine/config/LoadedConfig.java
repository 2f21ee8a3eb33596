package io.jenkins.plugins.mesh.engine.config;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What was read from a set of files: the objects of the kinds the validator knows, the problems met while
 * reading, and how many documents of other kinds were skipped.
 */
public record LoadedConfig(List<MeshResource> resources, List<LoadProblem> problems, int skipped) {

    public LoadedConfig {
        resources = List.copyOf(resources);
        problems = List.copyOf(problems);
    }

    /**
     * Every namespace the objects live in or point into (gateways {@code ns/name}, cluster-local destination
     * hosts, backendRefs in other namespaces), sorted: the namespaces whose live objects cluster mode reads.
     */
    public Set<String> namespaces() {
        Set<String> namespaces = new TreeSet<>();
        for (MeshResource resource : resources) {
            namespaces.add(resource.namespace());
            if (resource.kind() == MeshKind.VIRTUAL_SERVICE) {
                VirtualServiceConfig vs = VirtualServiceConfig.of(resource);
                vs.gatewayKeys().forEach(key -> namespaces.add(key.substring(0, key.indexOf('/'))));
                vs.http().forEach(route -> addHostNamespaces(route.destinations(), namespaces));
                addHostNamespaces(vs.otherDestinations(), namespaces);
            } else if (resource.kind() == MeshKind.HTTP_ROUTE) {
                HttpRouteConfig.of(resource).rules().forEach(rule -> addHostNamespaces(rule.destinations(), namespaces));
            }
        }
        namespaces.remove("");
        return namespaces;
    }

    private static void addHostNamespaces(List<Destination> destinations, Set<String> namespaces) {
        for (Destination destination : destinations) {
            String namespace = HostName.namespaceOf(destination.fqdn());
            if (namespace != null) {
                namespaces.add(namespace);
            }
        }
    }
}
