package io.jenkins.plugins.mesh.plugin.config;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.Util;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * The credentials drop-down of the global configuration entries. Only administrators see the list; anyone else gets
 * back just the current value, so a user without the permission cannot enumerate credential ids.
 */
final class CredentialChoices {

    private CredentialChoices() {
    }

    static ListBoxModel forGlobalConfiguration(String url, String currentValue,
            List<Class<? extends StandardCredentials>> types) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            result.includeCurrentValue(Util.fixNull(currentValue));
            return result;
        }
        CredentialsMatcher matcher = CredentialsMatchers.anyOf(types.stream()
                .map(CredentialsMatchers::instanceOf)
                .toArray(CredentialsMatcher[]::new));
        result.includeEmptyValue();
        result.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class,
                URIRequirementBuilder.fromUri(Util.fixEmptyAndTrim(url)).build(), matcher);
        result.includeCurrentValue(Util.fixNull(currentValue));
        return result;
    }
}
