package io.jenkins.plugins.mesh.plugin.config;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.mesh.plugin.connect.CredentialSource;
import io.jenkins.plugins.mesh.plugin.connect.MetricServerAccess;
import io.jenkins.plugins.mesh.plugin.connect.MetricServerConnections;
import io.jenkins.plugins.mesh.engine.analysis.PrometheusMetricProvider;
import java.util.List;
import java.util.Objects;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A Prometheus-compatible metric server that health checks query, referred to by name ({@code metrics: 'prom-prod'}).
 * It authenticates with a bearer token (Secret text credential), with basic authentication (username with password
 * credential) or not at all.
 */
public final class MetricServer implements Describable<MetricServer> {

    /** Seconds a single query may take when the entry sets none. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;

    private final String name;
    private final String url;
    private String credentialsId;
    private String caCertificate;
    private int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;

    @DataBoundConstructor
    public MetricServer(String name, String url) {
        this.name = Util.fixEmptyAndTrim(name);
        this.url = Util.fixEmptyAndTrim(url);
    }

    public String getName() {
        return name;
    }

    public String getUrl() {
        return url;
    }

    public @CheckForNull String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    /** PEM certificate(s) of the server's certificate authority when it is not in the JVM's trust store. */
    public @CheckForNull String getCaCertificate() {
        return caCertificate;
    }

    @DataBoundSetter
    public void setCaCertificate(String caCertificate) {
        this.caCertificate = Util.fixEmptyAndTrim(caCertificate);
    }

    public int getTimeoutSeconds() {
        return timeoutSeconds;
    }

    @DataBoundSetter
    public void setTimeoutSeconds(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds > 0 ? timeoutSeconds : DEFAULT_TIMEOUT_SECONDS;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MetricServer other)) {
            return false;
        }
        return timeoutSeconds == other.timeoutSeconds && Objects.equals(name, other.name)
                && Objects.equals(url, other.url) && Objects.equals(credentialsId, other.credentialsId)
                && Objects.equals(caCertificate, other.caCertificate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, url, credentialsId);
    }

    @Override
    public String toString() {
        return "metric server " + name;
    }

    @Extension
    @Symbol("meshMetricServer")
    public static final class DescriptorImpl extends Descriptor<MetricServer> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.MetricServer_DisplayName();
        }

        public FormValidation doCheckName(@QueryParameter String value) {
            return ConfigFields.checkName(value);
        }

        public FormValidation doCheckUrl(@QueryParameter String value) {
            return ConfigFields.checkUrl(value, true);
        }

        public FormValidation doCheckTimeoutSeconds(@QueryParameter String value) {
            return FormValidation.validatePositiveInteger(value);
        }

        /** Secret text credentials (a bearer token) and username with password credentials (basic authentication). */
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String url, @QueryParameter String credentialsId) {
            return CredentialChoices.forGlobalConfiguration(url, credentialsId, List.of(StringCredentials.class,
                    StandardUsernamePasswordCredentials.class));
        }

        /** Asks the server for its build information with the form's values. */
        @POST
        public FormValidation doTestConnection(@QueryParameter String name, @QueryParameter String url,
                @QueryParameter String credentialsId, @QueryParameter String caCertificate,
                @QueryParameter int timeoutSeconds) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            FormValidation urlCheck = ConfigFields.checkUrl(url, true);
            if (urlCheck.kind == FormValidation.Kind.ERROR) {
                return urlCheck;
            }
            MetricServer server = new MetricServer(name == null || name.isBlank() ? "(unsaved)" : name, url);
            server.setCredentialsId(credentialsId);
            server.setCaCertificate(caCertificate);
            server.setTimeoutSeconds(timeoutSeconds);
            try {
                MetricServerAccess access = MetricServerConnections.forServer(server, CredentialSource.global());
                String version = new PrometheusMetricProvider(access.toPrometheusConnection()).serverVersion();
                return ConfigFields.connected(Messages.MetricServer_Connected(version),
                        credentialsId);
            } catch (Exception e) {
                return FormValidation.error(Messages.MetricServer_ConnectionFailed(ConfigFields.describe(e)));
            }
        }
    }
}
