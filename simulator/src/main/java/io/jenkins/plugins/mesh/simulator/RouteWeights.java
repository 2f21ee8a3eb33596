package io.jenkins.plugins.mesh.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the relative weights of a list of route destinations out of a raw Kubernetes object. */
final class RouteWeights {

    private RouteWeights() {
    }

    /**
     * The weight of each destination, summed per key. A lone destination takes all traffic whatever its weight
     * (Istio and the Gateway API agree on that); a missing weight counts as {@code defaultWeight}.
     */
    static Map<String, Double> of(List<?> destinations, java.util.function.Function<Map<?, ?>, String> key,
            String weightField, double defaultWeight, String where) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (Object item : destinations) {
            if (!(item instanceof Map<?, ?> destination)) {
                throw new IllegalStateException(where + " has a destination that is not an object");
            }
            String name = key.apply(destination);
            if (name == null) {
                throw new IllegalStateException(where + " has a destination without a host or name");
            }
            Object weight = destination.get(weightField);
            double value = weight instanceof Number number ? number.doubleValue() : defaultWeight;
            weights.merge(name, destinations.size() == 1 ? 1.0 : value, Double::sum);
        }
        return Map.copyOf(weights);
    }

    /** The short name of a host: {@code reviews} for {@code reviews.bookinfo.svc.cluster.local}. */
    static String shortHost(Object host) {
        if (!(host instanceof String text)) {
            return null;
        }
        int dot = text.indexOf('.');
        return dot < 0 ? text : text.substring(0, dot);
    }
}
