package io.jenkins.plugins.mesh.engine.config;

import java.util.Map;

/**
 * Where a route sends traffic: an Istio {@code destination} or a Gateway API {@code backendRef}.
 *
 * @param host the host as written (Service name for backendRefs)
 * @param fqdn the host resolved in the namespace of the route; null for a backendRef that is not a Service
 * @param subset the DestinationRule subset, or null
 * @param weight the weight as written (any type; null when absent)
 * @param path the field path of the destination inside its object, for line lookups
 */
public record Destination(String host, String fqdn, String subset, Object weight, String path) {

    /** Reads {@code item} of an Istio {@code route} list ({@code {destination: {...}, weight: n}}). */
    static Destination ofIstio(Map<String, Object> item, String namespace, String path) {
        Map<String, Object> destination = YamlValues.map(item.get("destination"));
        String host = YamlValues.text(destination.get("host"));
        return new Destination(host, HostName.resolve(host, namespace), YamlValues.text(destination.get("subset")),
                item.get("weight"), path);
    }

    /** Reads a Gateway API {@code backendRef}: a Service by name, optionally in another namespace. */
    static Destination ofBackendRef(Map<String, Object> ref, String namespace, String path) {
        String name = YamlValues.text(ref.get("name"));
        String ns = YamlValues.text(ref.get("namespace"));
        String kind = YamlValues.text(ref.get("kind"));
        String group = YamlValues.text(ref.get("group"));
        boolean service = (kind == null || kind.equals("Service")) && (group == null || group.equals("core"));
        String fqdn = name == null || !service ? null : HostName.ofService(ns == null ? namespace : ns, name);
        return new Destination(name, fqdn, null, ref.get("weight"), path);
    }
}
