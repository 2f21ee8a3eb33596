package io.jenkins.plugins.mesh.simulator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The live weights of one rule of a Gateway API HTTPRoute, read from the API server on every call (one GET).
 * Keys are backend names; a missing weight is 1, the Gateway API default.
 */
public final class HttpRouteWeights implements WeightSource {

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final int ruleIndex;

    public HttpRouteWeights(KubernetesClient client, String namespace, String name, int ruleIndex) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.name = Objects.requireNonNull(name, "name");
        if (ruleIndex < 0) {
            throw new IllegalArgumentException("rule index must be >= 0, got " + ruleIndex);
        }
        this.ruleIndex = ruleIndex;
    }

    @Override
    public Map<String, Double> weights() {
        String where = "HTTPRoute " + namespace + "/" + name;
        GenericKubernetesResource route = client.genericKubernetesResources(MeshResources.httpRoute("v1"))
                .inNamespace(namespace).withName(name).get();
        if (route == null) {
            throw new IllegalStateException(where + " does not exist; create it or point the simulator elsewhere");
        }
        List<?> rules = route.get("spec", "rules");
        if (rules == null || rules.size() <= ruleIndex || !(rules.get(ruleIndex) instanceof Map<?, ?> rule)) {
            throw new IllegalStateException(where + " has no rule #" + ruleIndex + " (it has "
                    + (rules == null ? 0 : rules.size()) + ")");
        }
        String ruleWhere = where + " rule #" + ruleIndex;
        if (!(rule.get("backendRefs") instanceof List<?> backends) || backends.isEmpty()) {
            throw new IllegalStateException(ruleWhere + " has no backendRefs");
        }
        return RouteWeights.of(backends, backend -> backend.get("name") instanceof String n ? n : null,
                "weight", 1, ruleWhere);
    }

    @Override
    public String toString() {
        return "HTTPRoute " + namespace + "/" + name + " rule #" + ruleIndex;
    }
}
