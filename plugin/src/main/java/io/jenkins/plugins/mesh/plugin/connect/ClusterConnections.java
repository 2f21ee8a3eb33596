package io.jenkins.plugins.mesh.plugin.connect;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import io.jenkins.plugins.mesh.engine.kube.ClusterConnection;
import io.jenkins.plugins.mesh.plugin.config.MeshCluster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Turns a configured cluster and its credential into the engine's {@link ClusterConnection}. The secret is read
 * here, handed to the engine and never logged: error messages name the cluster and the credential id only.
 */
public final class ClusterConnections {

    private ClusterConnections() {
    }

    public static ClusterConnection forCluster(MeshCluster cluster, CredentialSource credentials)
            throws IOException {
        if (cluster.isInCluster()) {
            return ClusterConnection.inCluster();
        }
        String id = cluster.getCredentialsId();
        if (id == null) {
            throw new AbortException(Messages.ClusterConnections_NoCredentials(cluster.getName()));
        }
        StandardCredentials credential = credentials.find(id, StandardCredentials.class);
        if (credential == null) {
            throw new AbortException(Messages.ClusterConnections_CredentialNotFound(cluster.getName(), id));
        }
        if (credential instanceof FileCredentials file) {
            return ClusterConnection.kubeconfig(read(file), cluster.getContext());
        }
        if (credential instanceof StringCredentials token) {
            if (cluster.getServerUrl() == null) {
                throw new AbortException(Messages.ClusterConnections_TokenNeedsServerUrl(cluster.getName(), id));
            }
            return ClusterConnection.token(cluster.getServerUrl(), token.getSecret().getPlainText(),
                    cluster.getCaCertificate(), cluster.isSkipTlsVerify());
        }
        throw new AbortException(Messages.ClusterConnections_UnsupportedCredential(cluster.getName(), id,
                credential.getClass().getSimpleName()));
    }

    private static String read(FileCredentials file) throws IOException {
        try (InputStream in = file.getContent()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
