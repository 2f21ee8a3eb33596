package io.jenkins.plugins.mesh.engine.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The read model of a VirtualService (any of v1, v1beta1, v1alpha3): hosts, gateways and routes, read leniently
 * from the raw body. Fields of the wrong type read as absent; the schema rules report them.
 *
 * @param hosts the hosts as written
 * @param gateways the gateways as written; empty means the mesh only
 * @param http the HTTP routes
 * @param otherDestinations destinations of tcp and tls routes
 * @param mirrors where HTTP routes mirror traffic to ({@code mirror} and {@code mirrors}); their paths end in
 *     the item that holds {@code destination}, like route destinations
 */
public record VirtualServiceConfig(MeshResource resource, List<String> hosts, List<String> gateways,
        List<RouteRule> http, List<Destination> otherDestinations, List<Destination> mirrors) {

    /** Reads the model of {@code resource}, which must be a VirtualService. */
    public static VirtualServiceConfig of(MeshResource resource) {
        Map<String, Object> spec = resource.spec();
        List<RouteRule> http = new ArrayList<>();
        List<Destination> mirrors = new ArrayList<>();
        List<Object> routes = YamlValues.list(spec.get("http"));
        for (int i = 0; i < routes.size(); i++) {
            Map<String, Object> route = YamlValues.map(routes.get(i));
            String path = "spec.http[" + i + "]";
            http.add(new RouteRule(i, YamlValues.text(route.get("name")), YamlValues.list(route.get("match")),
                    destinations(route.get("route"), resource.namespace(), path + ".route"), path));
            if (route.get("mirror") instanceof Map<?, ?>) {
                // a single mirror is a destination itself: wrap it so every destination reads alike
                mirrors.add(Destination.ofIstio(Map.of("destination", route.get("mirror")), resource.namespace(), path
                        + ".mirror"));
            }
            mirrors.addAll(destinations(route.get("mirrors"), resource.namespace(), path + ".mirrors"));
        }
        List<Destination> other = new ArrayList<>();
        for (String protocol : List.of("tcp", "tls")) {
            List<Object> list = YamlValues.list(spec.get(protocol));
            for (int i = 0; i < list.size(); i++) {
                String path = "spec." + protocol + "[" + i + "].route";
                other.addAll(destinations(YamlValues.map(list.get(i)).get("route"), resource.namespace(), path));
            }
        }
        return new VirtualServiceConfig(resource, YamlValues.strings(spec.get("hosts")),
                YamlValues.strings(spec.get("gateways")), http, other, mirrors);
    }

    private static List<Destination> destinations(Object route, String namespace, String path) {
        List<Object> items = YamlValues.list(route);
        List<Destination> destinations = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            destinations.add(Destination.ofIstio(YamlValues.map(items.get(i)), namespace, path + "[" + i + "]"));
        }
        return destinations;
    }

    /** Whether the routes apply to sidecars: no gateways listed, or {@code mesh} among them. */
    public boolean boundToMesh() {
        return gateways.isEmpty() || gateways.contains("mesh");
    }

    /** {@code ns/name} of each gateway other than {@code mesh}; a bare name is in this object's namespace. */
    public List<String> gatewayKeys() {
        return gateways.stream().filter(g -> !g.equals("mesh"))
                .map(g -> g.indexOf('/') >= 0 ? g : resource.namespace() + "/" + g).toList();
    }
}
