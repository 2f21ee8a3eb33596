package io.jenkins.plugins.mesh.engine.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The read model of a Gateway API HTTPRoute (gateway.networking.k8s.io/v1): hostnames and rules with backends. */
public record HttpRouteConfig(MeshResource resource, List<String> hostnames, List<RouteRule> rules) {

    /** Reads the model of {@code resource}, which must be an HTTPRoute. */
    public static HttpRouteConfig of(MeshResource resource) {
        Map<String, Object> spec = resource.spec();
        List<RouteRule> rules = new ArrayList<>();
        List<Object> list = YamlValues.list(spec.get("rules"));
        for (int i = 0; i < list.size(); i++) {
            Map<String, Object> rule = YamlValues.map(list.get(i));
            String path = "spec.rules[" + i + "]";
            List<Object> refs = YamlValues.list(rule.get("backendRefs"));
            List<Destination> backends = new ArrayList<>(refs.size());
            for (int j = 0; j < refs.size(); j++) {
                backends.add(Destination.ofBackendRef(YamlValues.map(refs.get(j)), resource.namespace(),
                        path + ".backendRefs[" + j + "]"));
            }
            rules.add(new RouteRule(i, YamlValues.text(rule.get("name")), YamlValues.list(rule.get("matches")),
                    backends, path));
        }
        return new HttpRouteConfig(resource, YamlValues.strings(spec.get("hostnames")), rules);
    }

    /**
     * Where the rules mirror requests to: the {@code backendRef} of each {@code RequestMirror} filter, with a path
     * such as {@code spec.rules[0].filters[1].requestMirror.backendRef}.
     */
    public List<Destination> mirrors() {
        List<Destination> out = new ArrayList<>();
        List<Object> list = YamlValues.list(resource.spec().get("rules"));
        for (int i = 0; i < list.size(); i++) {
            List<Object> filters = YamlValues.list(YamlValues.map(list.get(i)).get("filters"));
            for (int j = 0; j < filters.size(); j++) {
                Map<String, Object> filter = YamlValues.map(filters.get(j));
                Map<String, Object> mirror = YamlValues.map(filter.get("requestMirror"));
                if ("RequestMirror".equals(filter.get("type")) && mirror.get("backendRef") instanceof Map<?, ?>) {
                    out.add(Destination.ofBackendRef(YamlValues.map(mirror.get("backendRef")), resource.namespace(),
                            "spec.rules[" + i + "].filters[" + j + "].requestMirror.backendRef"));
                }
            }
        }
        return out;
    }
}
