package io.jenkins.plugins.mesh.plugin.connect;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import io.jenkins.plugins.mesh.plugin.config.MetricServer;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** Resolves a configured metric server and its credential into a {@link MetricServerAccess}. */
public final class MetricServerConnections {

    private MetricServerConnections() {
    }

    public static MetricServerAccess forServer(MetricServer server, CredentialSource credentials)
            throws AbortException {
        URI url;
        try {
            url = new URI(server.getUrl());
        } catch (URISyntaxException | NullPointerException e) {
            throw new AbortException(Messages.MetricServerConnections_BadUrl(server.getName(), server.getUrl()));
        }
        Duration timeout = Duration.ofSeconds(server.getTimeoutSeconds());
        String id = server.getCredentialsId();
        if (id == null) {
            return new MetricServerAccess(server.getName(), url, null, null, null, server.getCaCertificate(), timeout);
        }
        StandardCredentials credential = credentials.find(id, StandardCredentials.class);
        if (credential == null) {
            throw new AbortException(Messages.MetricServerConnections_CredentialNotFound(server.getName(), id));
        }
        if (credential instanceof StringCredentials token) {
            return new MetricServerAccess(server.getName(), url, token.getSecret().getPlainText(), null, null,
                    server.getCaCertificate(), timeout);
        }
        if (credential instanceof StandardUsernamePasswordCredentials basic) {
            return new MetricServerAccess(server.getName(), url, null, basic.getUsername(),
                    basic.getPassword().getPlainText(), server.getCaCertificate(), timeout);
        }
        throw new AbortException(Messages.MetricServerConnections_UnsupportedCredential(server.getName(), id,
                credential.getClass().getSimpleName()));
    }
}
