package io.jenkins.plugins.mesh.engine.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hosts Services and ServiceEntries provide, the namespaces each is exported to, and their ports: what
 * {@code istioctl analyze} looks destination hosts up in. A short host resolves in the namespace of the object that
 * names it; a host is found when it is exported to every namespace, or to one of the namespaces the referring object
 * is itself exported to (its own namespace when it names none); a wildcard ServiceEntry host matches by suffix.
 */
public final class ServiceRegistry {

    /**
     * One host of a Service or ServiceEntry, visible in one scope.
     *
     * @param source the Service or ServiceEntry
     * @param host the fully qualified host
     * @param ports the port numbers (Service {@code port}, ServiceEntry {@code number})
     * @param workloadLabels the labels the host's pods carry (ServiceEntry {@code workloadSelector.labels}), or empty
     */
    public record Entry(MeshResource source, String host, List<Long> ports, Map<String, String> workloadLabels) {
    }

    private final Map<String, Entry> byScopedHost = new HashMap<>();
    private final List<ScopedEntry> wildcards = new ArrayList<>();

    private record ScopedEntry(String scope, Entry entry) {
    }

    private ServiceRegistry() {
    }

    /** The registry of the Services and ServiceEntries among {@code resources} (ServiceEntries first, as Istio). */
    public static ServiceRegistry of(Collection<MeshResource> resources) {
        ServiceRegistry registry = new ServiceRegistry();
        for (MeshResource resource : resources) {
            if (resource.kind() == MeshKind.SERVICE_ENTRY) {
                registry.addEntry(resource);
            }
        }
        for (MeshResource resource : resources) {
            if (resource.kind() == MeshKind.SERVICE) {
                Entry entry = new Entry(resource, HostName.ofService(resource.namespace(), resource.name()),
                        ports(resource, "port"), Map.of());
                for (String scope : ExportTo.ofService(resource)) {
                    registry.byScopedHost.put(scope + "/" + entry.host(), entry);
                }
            }
        }
        return registry;
    }

    private void addEntry(MeshResource resource) {
        List<Long> ports = ports(resource, "number");
        Map<String, String> workloadLabels = new HashMap<>();
        YamlValues.map(YamlValues.map(resource.spec().get("workloadSelector")).get("labels")).forEach((k, v) -> {
            if (v instanceof String s) {
                workloadLabels.put(k, s);
            }
        });
        Set<String> scopes = ExportTo.scopes(ExportTo.of(resource), resource.namespace());
        for (String host : YamlValues.strings(resource.spec().get("hosts"))) {
            Entry entry = new Entry(resource, HostName.resolve(host, resource.namespace()), ports,
                    Map.copyOf(workloadLabels));
            for (String scope : scopes) {
                byScopedHost.put(scope + "/" + entry.host(), entry);
                if (entry.host().startsWith("*")) {
                    wildcards.add(new ScopedEntry(scope, entry));
                }
            }
        }
    }

    private static List<Long> ports(MeshResource resource, String numberField) {
        List<Long> ports = new ArrayList<>();
        for (Object port : YamlValues.list(resource.spec().get("ports"))) {
            if (YamlValues.map(port).get(numberField) instanceof Number n) {
                ports.add(n.longValue());
            }
        }
        return List.copyOf(ports);
    }

    /**
     * The entry that provides {@code host} (as written) to an object in {@code namespace} exported to
     * {@code exportTo}, or null.
     */
    public Entry lookup(String host, String namespace, List<String> exportTo) {
        if (host == null) {
            return null;
        }
        String fqdn = HostName.resolve(host, namespace);
        Entry everywhere = byScopedHost.get(ExportTo.ALL + "/" + fqdn);
        if (everywhere != null) {
            return everywhere;
        }
        List<String> scopes = exportTo.isEmpty() ? List.of(namespace) : exportTo;
        for (String scope : scopes) {
            Entry entry = byScopedHost.get((scope.equals(".") ? namespace : scope) + "/" + fqdn);
            if (entry != null) {
                return entry;
            }
        }
        String bare = fqdn.startsWith("*") ? fqdn.substring(1) : fqdn;
        for (ScopedEntry wildcard : wildcards) {
            boolean visible = wildcard.scope().equals(ExportTo.ALL) || wildcard.scope().equals(namespace);
            if (visible && bare.endsWith(wildcard.entry().host().substring(1))) {
                return wildcard.entry();
            }
        }
        return null;
    }
}
