package io.jenkins.plugins.mesh.engine.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mesh as the validator sees it: workspace objects merged over live ones (the workspace wins for the same
 * kind, namespace and name), with the indexes cross-reference checks look up in constant time.
 */
public final class MeshConfig {

    private final List<MeshResource> resources;
    private final List<VirtualServiceConfig> virtualServices = new ArrayList<>();
    private final List<HttpRouteConfig> httpRoutes = new ArrayList<>();
    private final Set<String> serviceHosts = new HashSet<>();
    private final Set<String> entryHosts = new HashSet<>();
    private final List<String> wildcardEntryHosts = new ArrayList<>();
    private final Map<String, Set<String>> subsetsByHost = new HashMap<>();
    private final Map<String, MeshResource> gateways = new HashMap<>();

    private MeshConfig(Collection<MeshResource> merged) {
        this.resources = List.copyOf(merged);
        for (MeshResource resource : resources) {
            switch (resource.kind()) {
                case VIRTUAL_SERVICE -> virtualServices.add(VirtualServiceConfig.of(resource));
                case HTTP_ROUTE -> httpRoutes.add(HttpRouteConfig.of(resource));
                case SERVICE -> serviceHosts.add(HostName.ofService(resource.namespace(), resource.name()));
                case SERVICE_ENTRY -> indexEntry(resource);
                case DESTINATION_RULE -> indexSubsets(resource);
                case GATEWAY -> gateways.put(resource.namespace() + "/" + resource.name(), resource);
                default -> throw new IllegalStateException("unhandled kind " + resource.kind());
            }
        }
    }

    /** The mesh of {@code workspace} objects over {@code live} ones; the first of duplicates in the workspace wins. */
    public static MeshConfig of(List<MeshResource> workspace, List<MeshResource> live) {
        Map<ResourceKey, MeshResource> merged = new LinkedHashMap<>();
        for (MeshResource resource : workspace) {
            merged.putIfAbsent(resource.key(), resource);
        }
        for (MeshResource resource : live) {
            merged.putIfAbsent(resource.key(), resource);
        }
        return new MeshConfig(merged.values());
    }

    private void indexEntry(MeshResource entry) {
        for (String host : YamlValues.strings(entry.spec().get("hosts"))) {
            String fqdn = HostName.resolve(host, entry.namespace());
            if (fqdn.startsWith("*")) {
                wildcardEntryHosts.add(fqdn);
            } else {
                entryHosts.add(fqdn);
            }
        }
    }

    private void indexSubsets(MeshResource rule) {
        String host = YamlValues.text(rule.spec().get("host"));
        if (host == null) {
            return;
        }
        Set<String> subsets = subsetsByHost.computeIfAbsent(HostName.resolve(host, rule.namespace()), h -> new HashSet<>());
        for (Object subset : YamlValues.list(rule.spec().get("subsets"))) {
            String name = YamlValues.text(YamlValues.map(subset).get("name"));
            if (name != null) {
                subsets.add(name);
            }
        }
    }

    /** Every object, workspace first. */
    public List<MeshResource> resources() {
        return resources;
    }

    /** The VirtualServices, read. */
    public List<VirtualServiceConfig> virtualServices() {
        return virtualServices;
    }

    /** The HTTPRoutes, read. */
    public List<HttpRouteConfig> httpRoutes() {
        return httpRoutes;
    }

    /** Whether a Service or ServiceEntry provides {@code fqdn}. */
    public boolean hostExists(String fqdn) {
        if (serviceHosts.contains(fqdn) || entryHosts.contains(fqdn)) {
            return true;
        }
        for (String wildcard : wildcardEntryHosts) {
            if (HostName.matches(wildcard, fqdn)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a Kubernetes Service has the fully qualified name {@code fqdn}. */
    public boolean serviceExists(String fqdn) {
        return serviceHosts.contains(fqdn);
    }

    /** Whether any DestinationRule names {@code fqdn} as its host. */
    public boolean hasDestinationRule(String fqdn) {
        return subsetsByHost.containsKey(fqdn);
    }

    /** The subsets all DestinationRules for {@code fqdn} define together. */
    public Set<String> subsets(String fqdn) {
        return subsetsByHost.getOrDefault(fqdn, Set.of());
    }

    /** The Gateway {@code namespace/name}, or null. */
    public MeshResource gateway(String key) {
        return gateways.get(key);
    }
}
