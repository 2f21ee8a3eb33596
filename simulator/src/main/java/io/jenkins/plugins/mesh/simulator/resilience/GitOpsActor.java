package io.jenkins.plugins.mesh.simulator.resilience;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.jenkins.plugins.mesh.simulator.MeshResources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Someone else who edits the same VirtualService while a rollout runs, as a GitOps controller or a colleague would:
 * the header match, timeout and retries of another route, a timeout on the managed route itself, a label. It never
 * touches the managed route's destinations. Each edit is a GET and a PUT with the resourceVersion read (retried on
 * 409), through its own client, and the actor remembers what it set so that {@link #clobbered()} can tell whether the
 * rollout overwrote any of it.
 */
public final class GitOpsActor {

    /** The route the actor owns; the rollout manages another one. */
    public static final String OTHER_ROUTE = "tester";

    private final NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> objects;
    private final String name;
    private final String managedRoute;
    private final Random random;
    private final Map<String, Object> expected = new LinkedHashMap<>();
    private int edits;

    /**
     * @param client a client that reaches the API server directly (no injected faults)
     * @param managedRoute the route whose destinations the rollout manages
     */
    public GitOpsActor(KubernetesClient client, String namespace, String name, String managedRoute, long seed) {
        this.objects = client.genericKubernetesResources(MeshResources.virtualService("v1")).inNamespace(namespace);
        this.name = Objects.requireNonNull(name, "name");
        this.managedRoute = Objects.requireNonNull(managedRoute, "managedRoute");
        this.random = new Random(seed);
    }

    /** Adds the actor's own header-matched route in front of the others, before the rollout starts. */
    public void addOwnRoute() {
        apply(spec -> {
            List<Object> http = new ArrayList<>(list(spec.get("http")));
            Map<String, Object> route = new LinkedHashMap<>();
            route.put("name", OTHER_ROUTE);
            route.put("match", List.of(Map.of("headers", Map.of("end-user", Map.of("exact", "jason")))));
            route.put("route", List.of(Map.of("destination", Map.of("host", host(spec), "subset", "v2"))));
            http.add(0, route);
            spec.put("http", http);
        });
        expected.put("tester.match", List.of(Map.of("headers", Map.of("end-user", Map.of("exact", "jason")))));
    }

    /** One random edit of a field the rollout does not manage. */
    public void editSomething() {
        int n = random.nextInt(1000);
        switch (random.nextInt(5)) {
            case 0 -> {
                Object match = List.of(Map.of("headers", Map.of("end-user", Map.of("exact", "user-" + n))));
                apply(spec -> route(spec, OTHER_ROUTE).put("match", match));
                expected.put("tester.match", match);
            }
            case 1 -> {
                apply(spec -> route(spec, OTHER_ROUTE).put("timeout", n + "ms"));
                expected.put("tester.timeout", n + "ms");
            }
            case 2 -> {
                Object retries = Map.of("attempts", 1 + n % 5, "perTryTimeout", (100 + n) + "ms");
                apply(spec -> route(spec, OTHER_ROUTE).put("retries", retries));
                expected.put("tester.retries", retries);
            }
            case 3 -> {
                apply(spec -> route(spec, managedRoute).put("timeout", (n + 1) + "s"));
                expected.put(managedRoute + ".timeout", (n + 1) + "s");
            }
            default -> {
                String value = "team-" + n;
                applyObject(vs -> vs.getMetadata().getLabels().put("owner", value));
                expected.put("label.owner", value);
            }
        }
    }

    /** How many edits the actor made. */
    public int edits() {
        return edits;
    }

    /** The actor's edits that are no longer in the object, as "field: expected, found". Empty = none clobbered. */
    public List<String> clobbered() {
        GenericKubernetesResource vs = objects.withName(name).get();
        Map<String, Object> spec = spec(vs);
        List<String> lost = new ArrayList<>();
        for (Map.Entry<String, Object> edit : expected.entrySet()) {
            String key = edit.getKey();
            Object found;
            if (key.equals("label.owner")) {
                Map<String, String> labels = vs.getMetadata().getLabels();
                found = labels == null ? null : labels.get("owner");
            } else {
                int dot = key.indexOf('.');
                found = route(spec, key.substring(0, dot)).get(key.substring(dot + 1));
            }
            if (!Objects.equals(normal(found), normal(edit.getValue()))) {
                lost.add(key + ": expected " + edit.getValue() + ", found " + found);
            }
        }
        return lost;
    }

    private void apply(java.util.function.Consumer<Map<String, Object>> change) {
        applyObject(vs -> change.accept(spec(vs)));
    }

    private void applyObject(java.util.function.Consumer<GenericKubernetesResource> change) {
        for (int attempt = 0; ; attempt++) {
            GenericKubernetesResource vs = objects.withName(name).get();
            if (vs.getMetadata().getLabels() == null) {
                vs.getMetadata().setLabels(new LinkedHashMap<>());
            }
            change.accept(vs);
            try {
                objects.resource(vs).update();
                edits++;
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= 20) {
                    throw e;
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource vs) {
        return (Map<String, Object>) vs.getAdditionalProperties().get("spec");
    }

    private static String host(Map<String, Object> spec) {
        return (String) list(spec.get("hosts")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> route(Map<String, Object> spec, String name) {
        for (Object route : list(spec.get("http"))) {
            Map<String, Object> r = (Map<String, Object>) route;
            if (name.equals(r.get("name"))) {
                return r;
            }
        }
        throw new IllegalStateException("the VirtualService has no route " + name + " any more: " + spec);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    /** Compares as JSON trees: key order does not matter, values do. */
    private static Object normal(Object value) {
        return value == null ? null : io.fabric8.kubernetes.client.utils.Serialization.jsonMapper().valueToTree(value);
    }
}
