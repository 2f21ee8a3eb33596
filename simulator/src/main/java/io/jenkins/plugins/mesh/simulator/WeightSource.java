package io.jenkins.plugins.mesh.simulator;

import java.util.Map;

/**
 * Where a traffic model learns how the mesh splits traffic: the relative weight of each destination of one route,
 * keyed by {@link MeshVersion#routeKey()}. Weights are relative, as in Istio since 1.15 and the Gateway API: a
 * version gets {@code weight / sum of all weights}; destinations the model does not know still take their share.
 * An empty map, or all weights 0, sends no traffic.
 */
public interface WeightSource {

    /** The weights as they are now. Called only when the model is told to refresh them. */
    Map<String, Double> weights();
}
