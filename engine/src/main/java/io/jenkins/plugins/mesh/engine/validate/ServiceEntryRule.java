package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.config.YamlValues.list;
import static io.jenkins.plugins.mesh.engine.config.YamlValues.map;

import io.jenkins.plugins.mesh.engine.config.ExportTo;
import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.MeshKind;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.YamlValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * IST0134: a ServiceEntry with TCP ports (or ports without protocol) and no {@code addresses}: sidecars can only tell
 * its traffic apart by destination address, so without one (and without addresses allocated by the DNS proxy, in the
 * mesh config or in its status) the entry takes every connection to that port. IST0177: ServiceEntries visible in
 * the same namespace that give one host and port different protocols; which protocol wins is undefined.
 */
final class ServiceEntryRule implements Rule {

    private record Port(MeshResource entry, String protocol) {
    }

    @Override
    public void check(MeshConfig mesh, Findings out) {
        Map<String, List<Port>> byScopedHostPort = new LinkedHashMap<>();
        Map<String, List<Port>> everywhere = new java.util.HashMap<>();
        for (MeshResource entry : mesh.resources()) {
            if (entry.kind() != MeshKind.SERVICE_ENTRY) {
                continue;
            }
            if (Rule.inWorkspace(entry)) {
                checkAddresses(mesh, entry, out);
            }
            Set<String> scopes = ExportTo.scopes(ExportTo.of(entry), entry.namespace());
            for (String scope : scopes) {
                for (String host : YamlValues.strings(entry.spec().get("hosts"))) {
                    for (Object item : list(entry.spec().get("ports"))) {
                        Object number = map(item).get("number");
                        String protocol = String.valueOf(map(item).get("protocol")).toUpperCase(Locale.ROOT);
                        String key = host + ":" + number;
                        List<Port> ports = byScopedHostPort.computeIfAbsent(scope + "/" + key, k -> new ArrayList<>());
                        ports.add(new Port(entry, protocol));
                        if (scope.equals(ExportTo.ALL)) {
                            everywhere.put(key, ports);
                        }
                    }
                }
            }
        }
        Set<MeshResource> reported = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, List<Port>> group : byScopedHostPort.entrySet()) {
            String scope = group.getKey().substring(0, group.getKey().indexOf('/'));
            String hostPort = group.getKey().substring(scope.length() + 1);
            List<Port> ports = new ArrayList<>(group.getValue());
            if (!scope.equals(ExportTo.ALL)) {
                ports.addAll(everywhere.getOrDefault(hostPort, List.of()));
            }
            Set<String> protocols = ports.stream().map(Port::protocol).collect(Collectors.toCollection(TreeSet::new));
            if (protocols.size() < 2) {
                continue;
            }
            String names = ports.stream().map(p -> p.entry().namespace() + "/" + p.entry().name()).distinct().sorted()
                    .collect(Collectors.joining(", "));
            int colon = hostPort.lastIndexOf(':');
            for (Port port : ports) {
                if (Rule.inWorkspace(port.entry()) && reported.add(port.entry())) {
                    out.add(FindingCode.IST0177, port.entry(), "metadata.name", "Multiple ServiceEntries (" + names
                            + ") define the same host \"" + hostPort.substring(0, colon) + "\" and port "
                            + hostPort.substring(colon + 1) + " with conflicting protocols (" + String.join(", ",
                                    protocols) + "); give them one protocol, or merge them");
                }
            }
        }
    }

    private static void checkAddresses(MeshConfig mesh, MeshResource entry, Findings out) {
        Map<String, Object> spec = entry.spec();
        boolean allocated = !list(map(entry.body().get("status")).get("addresses")).isEmpty();
        if (spec.get("addresses") != null || allocated || mesh.settings().addressesAllocated()) {
            return;
        }
        List<Object> ports = list(spec.get("ports"));
        for (int i = 0; i < ports.size(); i++) {
            String protocol = YamlValues.string(map(ports.get(i)).get("protocol"));
            if (protocol == null || protocol.isEmpty() || protocol.equalsIgnoreCase("TCP")) {
                out.add(FindingCode.IST0134, entry, "spec.ports[" + i + "]", "ServiceEntry addresses are required for "
                        + "this protocol; add spec.addresses, or let the DNS proxy allocate them "
                        + "(ISTIO_META_DNS_CAPTURE and ISTIO_META_DNS_AUTO_ALLOCATE)");
            }
        }
    }
}
