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
    private final Map<String, List<ScopedSubsets>> rulesByHost = new HashMap<>();
    private final Map<String, MeshResource> gateways = new HashMap<>();
    private final Map<String, MeshResource> kubernetesGateways = new HashMap<>();
    private final Map<String, MeshResource> secrets = new HashMap<>();
    private final Map<String, MeshResource> namespaces = new HashMap<>();
    private final List<MeshResource> requestAuthentications = new ArrayList<>();
    private final ServiceRegistry registry;
    private final Workloads workloads;
    private final MeshSettings settings;

    private MeshConfig(Collection<MeshResource> merged, boolean filesOnly) {
        this.resources = List.copyOf(merged);
        for (MeshResource resource : resources) {
            String key = resource.namespace() + "/" + resource.name();
            switch (resource.kind()) {
                case VIRTUAL_SERVICE -> virtualServices.add(VirtualServiceConfig.of(resource));
                case HTTP_ROUTE -> httpRoutes.add(HttpRouteConfig.of(resource));
                case SERVICE -> serviceHosts.add(HostName.ofService(resource.namespace(), resource.name()));
                case SERVICE_ENTRY -> indexEntry(resource);
                case DESTINATION_RULE -> indexSubsets(resource);
                case GATEWAY -> gateways.put(key, resource);
                case KUBERNETES_GATEWAY -> kubernetesGateways.put(key, resource);
                case SECRET -> secrets.put(key, resource);
                case NAMESPACE -> namespaces.put(resource.name(), resource);
                case REQUEST_AUTHENTICATION -> requestAuthentications.add(resource);
                default -> {
                    // pods, nodes, config maps and admission policies are read by the indexes below or by policies
                }
            }
        }
        this.registry = ServiceRegistry.of(resources);
        this.workloads = Workloads.of(resources, filesOnly);
        this.settings = MeshSettings.of(resources);
    }

    /**
     * The mesh of {@code workspace} objects over {@code live} ones; the first of duplicates in the workspace wins.
     * Without live objects the files are all there is, and the default ingress gateway {@code istioctl analyze}
     * assumes for files alone is assumed too (see {@link Workloads}).
     */
    public static MeshConfig of(List<MeshResource> workspace, List<MeshResource> live) {
        Map<ResourceKey, MeshResource> merged = new LinkedHashMap<>();
        for (MeshResource resource : workspace) {
            merged.putIfAbsent(resource.key(), resource);
        }
        for (MeshResource resource : live) {
            merged.putIfAbsent(resource.key(), resource);
        }
        return new MeshConfig(merged.values(), live.isEmpty());
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
        String fqdn = HostName.resolve(host, rule.namespace());
        Set<String> subsets = subsetsByHost.computeIfAbsent(fqdn, h -> new HashSet<>());
        Set<String> own = new HashSet<>();
        for (Object subset : YamlValues.list(rule.spec().get("subsets"))) {
            String name = YamlValues.text(YamlValues.map(subset).get("name"));
            if (name != null) {
                subsets.add(name);
                own.add(name);
            }
        }
        rulesByHost.computeIfAbsent(fqdn, h -> new ArrayList<>(1)).add(new ScopedSubsets(
                ExportTo.scopes(ExportTo.of(rule), rule.namespace()), own));
    }

    private record ScopedSubsets(Set<String> scopes, Set<String> subsets) {
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

    /** Whether a Service or ServiceEntry names {@code fqdn} exactly (not by a wildcard), visible or not. */
    public boolean hostDefined(String fqdn) {
        return serviceHosts.contains(fqdn) || entryHosts.contains(fqdn);
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

    /** Whether a DestinationRule for {@code fqdn} is exported to {@code namespace}. */
    public boolean hasDestinationRuleIn(String fqdn, String namespace) {
        return rulesByHost.getOrDefault(fqdn, List.of()).stream().anyMatch(r -> ExportTo.visibleIn(r.scopes(),
                namespace));
    }

    /** The subsets the DestinationRules for {@code fqdn} exported to {@code namespace} define together. */
    public Set<String> subsetsVisibleIn(String fqdn, String namespace) {
        Set<String> visible = new HashSet<>();
        for (ScopedSubsets rule : rulesByHost.getOrDefault(fqdn, List.of())) {
            if (ExportTo.visibleIn(rule.scopes(), namespace)) {
                visible.addAll(rule.subsets());
            }
        }
        return visible;
    }

    /** The Gateway {@code namespace/name}, or null. */
    public MeshResource gateway(String key) {
        return gateways.get(key);
    }

    /** The Gateway API Gateway {@code namespace/name}, or null. */
    public MeshResource kubernetesGateway(String key) {
        return kubernetesGateways.get(key);
    }

    /** The Istio Gateways. */
    public Collection<MeshResource> gateways() {
        return gateways.values();
    }

    /** The Secret {@code namespace/name}, or null. */
    public MeshResource secret(String key) {
        return secrets.get(key);
    }

    /** Whether any Secret was read: only then does a missing one mean it does not exist. */
    public boolean secretsKnown() {
        return !secrets.isEmpty();
    }

    /** The Namespace object {@code name}, or null when it was not read. */
    public MeshResource namespace(String name) {
        return namespaces.get(name);
    }

    /** The RequestAuthentications. */
    public List<MeshResource> requestAuthentications() {
        return requestAuthentications;
    }

    /** Where destination and DestinationRule hosts are looked up, with exportTo. */
    public ServiceRegistry registry() {
        return registry;
    }

    /** The pods. */
    public Workloads workloads() {
        return workloads;
    }

    /** The mesh-wide settings read from the mesh ConfigMap. */
    public MeshSettings settings() {
        return settings;
    }
}
