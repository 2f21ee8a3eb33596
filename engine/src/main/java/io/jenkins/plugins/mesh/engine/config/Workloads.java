package io.jenkins.plugins.mesh.engine.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pods the checks of gateways, subsets and JWT routes look at, with the topology labels Istio adds from their
 * node. Files rarely hold pods: when none were read, only the default ingress gateway that {@code istioctl analyze}
 * assumes when it reads files alone (its pod labelled {@code istio: ingressgateway} in {@code istio-system}, behind
 * the Service {@code istio-ingressgateway}) may be there, and {@link #known()} is false.
 */
public final class Workloads {

    /** The namespace of the default ingress gateway. */
    public static final String ISTIO_SYSTEM = "istio-system";

    /**
     * One pod.
     *
     * @param namespace its namespace
     * @param name its name
     * @param labels its labels, with the node's region, zone, subzone and host name labels as Istio adds them
     * @param assumed whether it is the default ingress gateway assumed rather than read
     */
    public record Pod(String namespace, String name, Map<String, String> labels, boolean assumed) {
    }

    private static final Map<String, String> DEFAULT_INGRESS_LABELS = Map.of("istio", "ingressgateway");

    private final List<Pod> pods;
    private final boolean known;

    private Workloads(List<Pod> pods, boolean known) {
        this.pods = List.copyOf(pods);
        this.known = known;
    }

    /**
     * The pods among {@code resources}; with {@code assumeDefaultIngress}, also the default ingress gateway pod
     * (unless the Service {@code istio-system/istio-ingressgateway} is among them, which says where it really is).
     */
    public static Workloads of(Collection<MeshResource> resources, boolean assumeDefaultIngress) {
        Map<String, Map<String, String>> nodeLabels = new HashMap<>();
        boolean ingressService = false;
        for (MeshResource resource : resources) {
            if (resource.kind() == MeshKind.NODE) {
                nodeLabels.put(resource.name(), resource.labels());
            } else if (resource.kind() == MeshKind.SERVICE && resource.namespace().equals(ISTIO_SYSTEM)
                    && resource.name().equals("istio-ingressgateway")) {
                ingressService = true;
            }
        }
        List<Pod> pods = new ArrayList<>();
        for (MeshResource resource : resources) {
            if (resource.kind() == MeshKind.POD) {
                String node = YamlValues.text(resource.spec().get("nodeName"));
                pods.add(new Pod(resource.namespace(), resource.name(), withTopology(resource.labels(), node,
                        nodeLabels.get(node)), false));
            }
        }
        boolean known = !pods.isEmpty();
        if (assumeDefaultIngress && !ingressService) {
            pods.add(new Pod(ISTIO_SYSTEM, "istio-ingressgateway", DEFAULT_INGRESS_LABELS, true));
        }
        return new Workloads(pods, known);
    }

    private static Map<String, String> withTopology(Map<String, String> labels, String node, Map<String, String> nodeLabels) {
        Map<String, String> out = new LinkedHashMap<>(labels);
        if (nodeLabels != null) {
            copyIfSet(nodeLabels, "topology.kubernetes.io/region", out);
            copyIfSet(nodeLabels, "topology.kubernetes.io/zone", out);
            copyIfSet(nodeLabels, "topology.istio.io/subzone", out);
        }
        if (node != null) {
            out.put("kubernetes.io/hostname", node);
        }
        return out;
    }

    private static void copyIfSet(Map<String, String> from, String key, Map<String, String> to) {
        String value = from.get(key);
        if (value != null && !value.isEmpty()) {
            to.put(key, value);
        }
    }

    /** Whether pods were read (from files or the cluster), so that "no pod" means none exists. */
    public boolean known() {
        return known;
    }

    /** Every pod, the assumed default ingress gateway included. */
    public List<Pod> pods() {
        return pods;
    }

    /** The pods, in any namespace, whose labels hold every label of {@code selector} (all pods for an empty one). */
    public List<Pod> selectedBy(Map<String, String> selector) {
        return pods.stream().filter(pod -> matches(selector, pod.labels())).toList();
    }

    /** Whether {@code labels} hold every entry of {@code selector}. */
    public static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        for (Map.Entry<String, String> entry : selector.entrySet()) {
            if (!entry.getValue().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Reads a label map ({@code selector}, {@code labels}) of string values. */
    public static Map<String, String> labelMap(Object value) {
        Map<String, String> labels = new LinkedHashMap<>();
        YamlValues.map(value).forEach((k, v) -> {
            if (v != null && !(v instanceof Map<?, ?>) && !(v instanceof List<?>)) {
                labels.put(k, String.valueOf(v));
            }
        });
        return labels;
    }
}
