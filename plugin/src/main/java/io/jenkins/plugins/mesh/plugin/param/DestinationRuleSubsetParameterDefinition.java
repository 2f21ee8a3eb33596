package io.jenkins.plugins.mesh.plugin.param;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Failure;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.ParameterDefinition;
import hudson.model.ParameterValue;
import hudson.model.SimpleParameterDefinition;
import hudson.model.StringParameterValue;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.mesh.engine.KubernetesName;
import io.jenkins.plugins.mesh.plugin.config.MeshCluster;
import io.jenkins.plugins.mesh.plugin.config.MeshPipelineConfiguration;
import io.jenkins.plugins.mesh.plugin.connect.ClusterClients;
import io.jenkins.plugins.mesh.plugin.connect.CredentialSource;
import java.util.ArrayList;
import java.util.List;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.Stapler;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * A build parameter whose choices are the subsets (versions) of a DestinationRule in a configured cluster, read when
 * the "Build with Parameters" page is shown, so a person picks the canary version that exists. The value is a
 * {@link StringParameterValue} holding the subset name.
 */
public class DestinationRuleSubsetParameterDefinition extends SimpleParameterDefinition {

    private static final long serialVersionUID = 1L;

    private final String cluster;
    private final String destinationRule;
    private String namespace;
    private String defaultValue;

    @DataBoundConstructor
    public DestinationRuleSubsetParameterDefinition(String name, String cluster, String destinationRule) {
        super(name);
        this.cluster = Util.fixEmptyAndTrim(cluster);
        this.destinationRule = Util.fixEmptyAndTrim(destinationRule);
    }

    public String getCluster() {
        return cluster;
    }

    public String getDestinationRule() {
        return destinationRule;
    }

    /** The DestinationRule's namespace; the cluster's default namespace when unset. */
    public @CheckForNull String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = Util.fixEmptyAndTrim(namespace);
    }

    public @CheckForNull String getDefaultValue() {
        return defaultValue;
    }

    @DataBoundSetter
    public void setDefaultValue(String defaultValue) {
        this.defaultValue = Util.fixEmptyAndTrim(defaultValue);
    }

    /** The subsets to offer and, when the cluster could not be read, why. */
    public record Choices(List<String> subsets, @CheckForNull String problem) {
    }

    /**
     * Reads the subsets with the cluster's credential as resolved for the job whose page is shown. Outside a job's
     * page nothing is read. On failure the default value alone is offered, with the reason.
     */
    public Choices loadChoices() {
        StaplerRequest2 request = Stapler.getCurrentRequest2();
        Job<?, ?> job = request == null ? null : request.findAncestorObject(Job.class);
        List<String> subsets = new ArrayList<>();
        String problem = null;
        if (job == null) {
            problem = Messages.DestinationRuleSubsetParameterDefinition_NoJob();
        } else {
            try {
                MeshCluster meshCluster = MeshPipelineConfiguration.get().requireCluster(cluster);
                String ns = namespace != null ? namespace : meshCluster.getNamespace();
                if (ns == null) {
                    ns = "default";
                }
                try (KubernetesClient client = ClusterClients.open(meshCluster, CredentialSource.forItem(job))) {
                    subsets.addAll(DestinationRuleSubsets.list(client, ns, destinationRule));
                }
            } catch (Exception e) {
                problem = e.getMessage();
            }
        }
        if (defaultValue != null && !subsets.contains(defaultValue)) {
            subsets.add(0, defaultValue);
        }
        return new Choices(List.copyOf(subsets), problem);
    }

    @Override
    public ParameterDefinition copyWithDefaultValue(ParameterValue defaultValue) {
        if (!(defaultValue instanceof StringParameterValue value)) {
            return this;
        }
        DestinationRuleSubsetParameterDefinition copy =
                new DestinationRuleSubsetParameterDefinition(getName(), cluster, destinationRule);
        copy.setDescription(getDescription());
        copy.setNamespace(namespace);
        copy.setDefaultValue(value.getValue());
        return copy;
    }

    @Override
    public StringParameterValue getDefaultParameterValue() {
        return defaultValue == null ? null : new StringParameterValue(getName(), defaultValue, getDescription());
    }

    /**
     * The value a person chose on the Build with Parameters page. An invalid one (the page offers only subset names,
     * so it was typed or forged) is answered with an error page naming the parameter (HTTP 400), not a stack trace.
     */
    @Override
    public ParameterValue createValue(StaplerRequest2 req, JSONObject jo) {
        StringParameterValue value = req.bindJSON(StringParameterValue.class, jo);
        value.setDescription(getDescription());
        value = new StringParameterValue(value.getName(), Util.fixNull(value.getValue()).trim(), getDescription());
        if (!isValid(value)) {
            throw new Failure(invalid(value));
        }
        return value;
    }

    /**
     * A value from a script, the CLI or {@code buildWithParameters}; an invalid one is an
     * {@link IllegalArgumentException}, as for Jenkins' own choice parameter.
     */
    @Override
    public ParameterValue createValue(String value) {
        StringParameterValue parameter = new StringParameterValue(getName(), Util.fixNull(value).trim(),
                getDescription());
        if (!isValid(parameter)) {
            throw new IllegalArgumentException(invalid(parameter));
        }
        return parameter;
    }

    @Override
    public boolean isValid(ParameterValue value) {
        return value instanceof StringParameterValue s && KubernetesName.isLabel(s.getValue());
    }

    private String invalid(StringParameterValue value) {
        return Messages.DestinationRuleSubsetParameterDefinition_InvalidSubset(getName(), value.getValue());
    }

    @Override
    public boolean equals(Object obj) {
        // ParameterDefinition#equals compares the XStream form, which includes the fields of this class.
        return super.equals(obj);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    @Extension
    @Symbol("meshSubset")
    public static class DescriptorImpl extends ParameterDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.DestinationRuleSubsetParameterDefinition_DisplayName();
        }

        /** Cluster names are not secret, but only people who configure the job need them. */
        public ListBoxModel doFillClusterItems(@AncestorInPath Item item) {
            ListBoxModel names = new ListBoxModel();
            if (item != null && item.hasPermission(Item.CONFIGURE)) {
                for (MeshCluster c : MeshPipelineConfiguration.get().getClusters()) {
                    names.add(c.getName());
                }
            }
            return names;
        }

        public FormValidation doCheckDestinationRule(@QueryParameter String value) {
            String name = Util.fixEmptyAndTrim(value);
            if (name == null) {
                return FormValidation.error(Messages.DestinationRuleSubsetParameterDefinition_DestinationRuleRequired());
            }
            return KubernetesName.isSubdomain(name) ? FormValidation.ok()
                    : FormValidation.error(Messages.DestinationRuleSubsetParameterDefinition_BadName(name));
        }

        public FormValidation doCheckDefaultValue(@QueryParameter String value) {
            String name = Util.fixEmptyAndTrim(value);
            return name == null || KubernetesName.isLabel(name) ? FormValidation.ok()
                    : FormValidation.error(Messages.DestinationRuleSubsetParameterDefinition_BadSubset(name));
        }
    }
}
