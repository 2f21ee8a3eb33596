package io.jenkins.plugins.mesh.engine.apply;

import io.jenkins.plugins.mesh.engine.config.Destination;
import io.jenkins.plugins.mesh.engine.config.HostName;
import io.jenkins.plugins.mesh.engine.config.HttpRouteConfig;
import io.jenkins.plugins.mesh.engine.config.MeshKind;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.SourceLocation;
import io.jenkins.plugins.mesh.engine.config.VirtualServiceConfig;
import io.jenkins.plugins.mesh.engine.config.YamlValues;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cluster-local Services the objects of an apply route to, before and after: the destinations of
 * VirtualServices and HTTPRoutes, and the host of DestinationRules. External hosts have no Service to watch.
 */
public final class RoutedServices {

    private RoutedServices() {
    }

    /** Every Service the items' new and old versions route to, sorted by first appearance. */
    public static List<RoutedService> of(List<ApplyItem> items) {
        Set<RoutedService> services = new LinkedHashSet<>();
        for (ApplyItem item : items) {
            for (Map<String, Object> body : new Map[] {item.desired(), item.snapshot()}) {
                if (body != null) {
                    add(item.kind(), item.namespace(), item.name(), body, services);
                }
            }
        }
        return new ArrayList<>(services);
    }

    private static void add(MeshKind kind, String namespace, String name, Map<String, Object> body,
            Set<RoutedService> into) {
        MeshResource resource = new MeshResource(kind, String.valueOf(body.get("apiVersion")), namespace, name, body,
                new SourceLocation(SourceLocation.CLUSTER, 0));
        List<Destination> destinations = new ArrayList<>();
        if (kind == MeshKind.VIRTUAL_SERVICE) {
            VirtualServiceConfig vs = VirtualServiceConfig.of(resource);
            vs.http().forEach(route -> destinations.addAll(route.destinations()));
            destinations.addAll(vs.otherDestinations());
        } else if (kind == MeshKind.HTTP_ROUTE) {
            HttpRouteConfig.of(resource).rules().forEach(rule -> destinations.addAll(rule.destinations()));
        } else if (kind == MeshKind.DESTINATION_RULE) {
            String host = YamlValues.text(resource.spec().get("host"));
            if (host != null) {
                service(HostName.resolve(host, namespace)).ifPresent(into::add);
            }
        }
        for (Destination destination : destinations) {
            service(destination.fqdn()).ifPresent(into::add);
        }
    }

    private static java.util.Optional<RoutedService> service(String fqdn) {
        String namespace = fqdn == null ? null : HostName.namespaceOf(fqdn);
        if (namespace == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new RoutedService(namespace, fqdn.substring(0, fqdn.indexOf('.'))));
    }
}
