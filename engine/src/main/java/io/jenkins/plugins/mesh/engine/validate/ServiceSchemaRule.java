package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.config.YamlValues.list;
import static io.jenkins.plugins.mesh.engine.config.YamlValues.map;

import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.MeshKind;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.YamlValues;
import java.util.List;
import java.util.Map;

/** IST0106 for ServiceEntries (hosts, ports, resolution) and the ports of Kubernetes Services. */
final class ServiceSchemaRule implements Rule {

    private static final List<String> RESOLUTIONS = List.of("NONE", "STATIC", "DNS", "DNS_ROUND_ROBIN");
    private static final List<String> LOCATIONS = List.of("MESH_EXTERNAL", "MESH_INTERNAL");

    @Override
    public void check(MeshConfig mesh, Findings out) {
        for (MeshResource resource : mesh.resources()) {
            if (!Rule.inWorkspace(resource)) {
                continue;
            }
            if (resource.kind() == MeshKind.SERVICE_ENTRY) {
                checkEntry(new FieldChecker(resource, out, FindingCode.IST0106));
            } else if (resource.kind() == MeshKind.SERVICE) {
                checkPorts(new FieldChecker(resource, out, FindingCode.IST0106), "port");
            }
        }
    }

    private void checkEntry(FieldChecker check) {
        Map<String, Object> spec = check.resource().spec();
        if (YamlValues.strings(spec.get("hosts")).isEmpty()) {
            check.error("spec.hosts", "the ServiceEntry has no hosts; list the hosts it adds, e.g. api.example.com");
        }
        List<Object> hosts = list(spec.get("hosts"));
        for (int i = 0; i < hosts.size(); i++) {
            HostSyntax.check(check, "spec.hosts[" + i + "]", hosts.get(i), true);
        }
        checkPorts(check, "number");
        Object resolution = spec.get("resolution");
        if (resolution != null && !RESOLUTIONS.contains(resolution)) {
            check.error("spec.resolution", "resolution '" + resolution + "' is unknown; use one of " + RESOLUTIONS);
        }
        Object location = spec.get("location");
        if (location != null && !LOCATIONS.contains(location)) {
            check.error("spec.location", "location '" + location + "' is unknown; use one of " + LOCATIONS);
        }
    }

    private void checkPorts(FieldChecker check, String numberField) {
        List<Object> ports = list(check.resource().spec().get("ports"));
        for (int i = 0; i < ports.size(); i++) {
            String path = "spec.ports[" + i + "]";
            Object number = map(ports.get(i)).get(numberField);
            if (number == null) {
                check.error(path, "port " + i + " has no " + numberField + "; add one from 1 to 65535");
            }
            check.port(path + "." + numberField, number);
        }
    }
}
