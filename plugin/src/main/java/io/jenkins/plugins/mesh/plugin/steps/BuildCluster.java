package io.jenkins.plugins.mesh.plugin.steps;

import hudson.AbortException;
import hudson.model.Run;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.mesh.engine.traffic.Holder;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import io.jenkins.plugins.mesh.plugin.config.MeshCluster;
import io.jenkins.plugins.mesh.plugin.config.MeshPipelineConfiguration;
import io.jenkins.plugins.mesh.plugin.connect.ClusterClients;
import io.jenkins.plugins.mesh.plugin.connect.CredentialSource;
import java.io.IOException;
import java.time.Clock;
import jenkins.model.Jenkins;

/**
 * A build's connection to one configured cluster for the duration of one call: the client (opened with the credential
 * as the build may use it), the engine's {@link TrafficController} on it, and the build as the route lock's holder.
 * Closed after the call, so no client outlives a tick and nothing of it is persisted.
 */
final class BuildCluster implements AutoCloseable {

    private final KubernetesClient client;
    private final TrafficController traffic;
    private final Holder holder;

    private BuildCluster(KubernetesClient client, Holder holder) {
        this.client = client;
        this.traffic = new TrafficController(client, Clock.systemUTC(), TrafficSettings.defaults());
        this.holder = holder;
    }

    static BuildCluster open(String clusterName, Run<?, ?> run) throws IOException {
        MeshCluster cluster = MeshPipelineConfiguration.get().requireCluster(clusterName);
        try {
            return new BuildCluster(ClusterClients.open(cluster, CredentialSource.forRun(run)), holder(run));
        } catch (RuntimeException e) {
            // The engine's factory says what is wrong with the connection; it never includes the secret.
            throw new AbortException(Messages.BuildCluster_CannotConnect(clusterName, e.getMessage()));
        }
    }

    /**
     * The build as the holder of a route's lock: its externalizable id ({@code folder/job#42}) stays the same when
     * the controller restarts, so a resumed build still holds its lock; its URL goes into the cluster's audit Events.
     */
    static Holder holder(Run<?, ?> run) {
        String root = Jenkins.get().getRootUrl();
        return new Holder(run.getExternalizableId(), root != null ? root + run.getUrl() : run.getFullDisplayName());
    }

    KubernetesClient client() {
        return client;
    }

    TrafficController traffic() {
        return traffic;
    }

    Holder holder() {
        return holder;
    }

    @Override
    public void close() {
        client.close();
    }
}
