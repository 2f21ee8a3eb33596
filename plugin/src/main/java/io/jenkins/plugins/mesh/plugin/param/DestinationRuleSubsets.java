package io.jenkins.plugins.mesh.plugin.param;

import hudson.AbortException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.mesh.engine.config.ClusterConfigReader;
import io.jenkins.plugins.mesh.engine.config.ClusterReadException;
import java.util.List;

/** The one place the plugin asks the engine for the subset names of a DestinationRule. Reads only. */
final class DestinationRuleSubsets {

    private DestinationRuleSubsets() {
    }

    /** The subset names in the order the DestinationRule lists them; empty when it does not exist. */
    static List<String> list(KubernetesClient client, String namespace, String destinationRule)
            throws AbortException {
        try {
            return new ClusterConfigReader(client).subsetNames(namespace, destinationRule);
        } catch (ClusterReadException e) {
            throw new AbortException(e.getMessage());
        }
    }
}
