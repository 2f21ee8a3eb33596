package io.jenkins.plugins.mesh.plugin.config;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.mesh.engine.KubernetesName;
import io.jenkins.plugins.mesh.plugin.connect.CredentialSource;
import java.net.URI;
import java.net.URISyntaxException;

/** Form checks shared by the cluster and metric server entries. None of them connects anywhere. */
final class ConfigFields {

    private ConfigFields() {
    }

    static FormValidation checkName(String value) {
        String name = Util.fixEmptyAndTrim(value);
        if (name == null) {
            return FormValidation.error(Messages.ConfigFields_NameRequired());
        }
        if (!KubernetesName.isSubdomain(name)) {
            return FormValidation.error(Messages.ConfigFields_NameInvalid(name));
        }
        return FormValidation.ok();
    }

    static FormValidation checkUrl(String value, boolean required) {
        String url = Util.fixEmptyAndTrim(value);
        if (url == null) {
            return required ? FormValidation.error(Messages.ConfigFields_UrlRequired()) : FormValidation.ok();
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return FormValidation.error(Messages.ConfigFields_UrlInvalid(url));
        }
        String scheme = uri.getScheme();
        if (scheme == null || uri.getHost() == null
                || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
            return FormValidation.error(Messages.ConfigFields_UrlInvalid(url));
        }
        if (uri.getUserInfo() != null) {
            return FormValidation.error(Messages.ConfigFields_UrlUserInfo());
        }
        if (scheme.equalsIgnoreCase("http")) {
            return FormValidation.warning(Messages.ConfigFields_UrlPlainHttp());
        }
        return FormValidation.ok();
    }

    static FormValidation checkOptionalLabel(String value) {
        String label = Util.fixEmptyAndTrim(value);
        if (label != null && !KubernetesName.isLabel(label)) {
            return FormValidation.error(Messages.ConfigFields_NamespaceInvalid(label));
        }
        return FormValidation.ok();
    }

    /**
     * The result of a successful connection test, turned into a warning when the credential has System scope: the
     * test (run as Jenkins) can use it, but builds, which resolve credentials in their job's context, cannot.
     */
    static FormValidation connected(String message, String credentialsId) {
        if (credentialsId != null && !credentialsId.isBlank()) {
            StandardCredentials credential = CredentialSource.global().find(credentialsId.trim(),
                    StandardCredentials.class);
            if (credential != null && credential.getScope() == CredentialsScope.SYSTEM) {
                return FormValidation.warning(message + ". " + Messages.ConfigFields_SystemScope(credentialsId));
            }
        }
        return FormValidation.ok(message);
    }

    /** A one-line reason for a failed connection test: the exception's type and message, never a credential. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
