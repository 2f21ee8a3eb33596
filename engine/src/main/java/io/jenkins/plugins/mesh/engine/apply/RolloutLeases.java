package io.jenkins.plugins.mesh.engine.apply;

import io.jenkins.plugins.mesh.engine.config.ResourceKey;
import java.util.Map;

/** Which objects a running rollout holds, by its route Lease: their weights are the rollout's, not the files'. */
@FunctionalInterface
public interface RolloutLeases {

    /** No rollout holds anything (for clusters without rollouts, and tests). */
    RolloutLeases NONE = namespace -> Map.of();

    /** The objects of {@code namespace} whose route a rollout's Lease holds, each with its holder. */
    Map<ResourceKey, String> heldIn(String namespace);
}
