package io.jenkins.plugins.mesh.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** Weights held in memory and set by the caller: for benchmarks that drive a rollout without an API server. */
public final class InMemoryWeights implements WeightSource {

    private volatile Map<String, Double> weights;

    private InMemoryWeights(Map<String, Double> weights) {
        this.weights = weights;
    }

    /** Starts with {@code weights}, route key to relative weight. */
    public static InMemoryWeights of(Map<String, ? extends Number> weights) {
        InMemoryWeights source = new InMemoryWeights(Map.of());
        source.set(weights);
        return source;
    }

    /** Replaces all weights. */
    public synchronized void set(Map<String, ? extends Number> newWeights) {
        Map<String, Double> copy = new LinkedHashMap<>();
        newWeights.forEach((key, weight) -> {
            double value = weight.doubleValue();
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("weight of " + key + " must be a finite number >= 0, got " + weight);
            }
            copy.put(key, value);
        });
        weights = Map.copyOf(copy);
    }

    /** Sets {@code key} to {@code weight} and leaves the others as they are. */
    public synchronized void set(String key, double weight) {
        Map<String, Double> copy = new LinkedHashMap<>(weights);
        copy.put(key, weight);
        set(copy);
    }

    @Override
    public Map<String, Double> weights() {
        return weights;
    }
}
