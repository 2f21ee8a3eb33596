package io.jenkins.plugins.mesh.plugin.connect;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.mesh.engine.kube.ClusterClientFactory;
import io.jenkins.plugins.mesh.plugin.config.MeshCluster;
import java.io.IOException;

/** Opens a fabric8 client for a configured cluster through the engine's factory. The caller closes it. */
public final class ClusterClients {

    private ClusterClients() {
    }

    public static KubernetesClient open(MeshCluster cluster, CredentialSource credentials) throws IOException {
        return new ClusterClientFactory().connect(ClusterConnections.forCluster(cluster, credentials));
    }
}
