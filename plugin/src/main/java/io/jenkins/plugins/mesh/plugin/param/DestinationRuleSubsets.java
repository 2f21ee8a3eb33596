package io.jenkins.plugins.mesh.plugin.param;

import hudson.AbortException;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.util.List;

/**
 * The one place the plugin asks the validation engine for the subset names of a DestinationRule.
 *
 * <p>Not wired yet: the engine method (package {@code io.jenkins.plugins.mesh.engine.validate}) lands with the
 * validation engine; until then this reports that plainly and the parameter offers its default value only.
 */
final class DestinationRuleSubsets {

    private DestinationRuleSubsets() {
    }

    /** The subset names in the order the DestinationRule lists them. */
    static List<String> list(KubernetesClient client, String namespace, String destinationRule) throws IOException {
        throw new AbortException(Messages.DestinationRuleSubsets_NotAvailable(namespace, destinationRule));
    }
}
