package io.jenkins.plugins.mesh.plugin.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.jenkins.plugins.mesh.plugin.connect.ClusterClients;
import io.jenkins.plugins.mesh.plugin.connect.CredentialSource;
import java.util.List;
import java.util.Objects;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A Kubernetes cluster that steps and build parameters refer to by name. It is reached either from inside the cluster
 * Jenkins runs in (the pod's service account), with a kubeconfig held in a Secret file credential, or with a server
 * URL and a bearer token held in a Secret text credential. Credentials are stored by id only and resolved when used.
 */
public final class MeshCluster implements Describable<MeshCluster> {

    private final String name;
    private String serverUrl;
    private boolean inCluster;
    private String credentialsId;
    private String context;
    private String namespace;
    private String caCertificate;
    private boolean skipTlsVerify;

    @DataBoundConstructor
    public MeshCluster(String name) {
        this.name = Util.fixEmptyAndTrim(name);
    }

    public String getName() {
        return name;
    }

    public @CheckForNull String getServerUrl() {
        return serverUrl;
    }

    @DataBoundSetter
    public void setServerUrl(String serverUrl) {
        this.serverUrl = Util.fixEmptyAndTrim(serverUrl);
    }

    public boolean isInCluster() {
        return inCluster;
    }

    @DataBoundSetter
    public void setInCluster(boolean inCluster) {
        this.inCluster = inCluster;
    }

    public @CheckForNull String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    /** The kubeconfig context to use when the credential is a kubeconfig file; its current context when unset. */
    public @CheckForNull String getContext() {
        return context;
    }

    @DataBoundSetter
    public void setContext(String context) {
        this.context = Util.fixEmptyAndTrim(context);
    }

    /** The namespace steps use when they name none. */
    public @CheckForNull String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = Util.fixEmptyAndTrim(namespace);
    }

    /** PEM certificate(s) of the API server's certificate authority, for a token credential. Not a secret. */
    public @CheckForNull String getCaCertificate() {
        return caCertificate;
    }

    @DataBoundSetter
    public void setCaCertificate(String caCertificate) {
        this.caCertificate = Util.fixEmptyAndTrim(caCertificate);
    }

    public boolean isSkipTlsVerify() {
        return skipTlsVerify;
    }

    @DataBoundSetter
    public void setSkipTlsVerify(boolean skipTlsVerify) {
        this.skipTlsVerify = skipTlsVerify;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MeshCluster other)) {
            return false;
        }
        return inCluster == other.inCluster && skipTlsVerify == other.skipTlsVerify && Objects.equals(name, other.name)
                && Objects.equals(serverUrl, other.serverUrl) && Objects.equals(credentialsId, other.credentialsId)
                && Objects.equals(context, other.context) && Objects.equals(namespace, other.namespace)
                && Objects.equals(caCertificate, other.caCertificate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, serverUrl, inCluster, credentialsId, context, namespace);
    }

    @Override
    public String toString() {
        return "cluster " + name;
    }

    @Extension
    @Symbol("meshCluster")
    public static final class DescriptorImpl extends Descriptor<MeshCluster> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.MeshCluster_DisplayName();
        }

        public FormValidation doCheckName(@QueryParameter String value) {
            return ConfigFields.checkName(value);
        }

        public FormValidation doCheckServerUrl(@QueryParameter String value, @QueryParameter boolean inCluster) {
            if (inCluster) {
                return FormValidation.ok();
            }
            return ConfigFields.checkUrl(value, false);
        }

        public FormValidation doCheckNamespace(@QueryParameter String value) {
            return ConfigFields.checkOptionalLabel(value);
        }

        /** Secret file credentials (a kubeconfig) and Secret text credentials (a bearer token). */
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String serverUrl,
                @QueryParameter String credentialsId) {
            return CredentialChoices.forGlobalConfiguration(serverUrl, credentialsId, List.of(FileCredentials.class,
                    StringCredentials.class));
        }

        /** Connects with the form's values and asks the API server for its version (any authenticated user may). */
        @POST
        public FormValidation doTestConnection(@QueryParameter String name, @QueryParameter String serverUrl,
                @QueryParameter boolean inCluster, @QueryParameter String credentialsId,
                @QueryParameter String context, @QueryParameter String caCertificate,
                @QueryParameter boolean skipTlsVerify) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            MeshCluster cluster = new MeshCluster(name == null || name.isBlank() ? "(unsaved)" : name);
            cluster.setServerUrl(serverUrl);
            cluster.setInCluster(inCluster);
            cluster.setCredentialsId(credentialsId);
            cluster.setContext(context);
            cluster.setCaCertificate(caCertificate);
            cluster.setSkipTlsVerify(skipTlsVerify);
            try (KubernetesClient client = ClusterClients.open(cluster, CredentialSource.global())) {
                VersionInfo version = client.getKubernetesVersion();
                return ConfigFields.connected(Messages.MeshCluster_Connected(version.getGitVersion()), credentialsId);
            } catch (Exception e) {
                return FormValidation.error(Messages.MeshCluster_ConnectionFailed(ConfigFields.describe(e)));
            }
        }
    }
}
