package io.jenkins.plugins.mesh.plugin.steps;

import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.mesh.engine.KubernetesName;
import io.jenkins.plugins.mesh.plugin.config.MeshCluster;
import io.jenkins.plugins.mesh.plugin.config.MeshPipelineConfiguration;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;

/**
 * What the mesh steps' descriptors share: they need the build and its log but no {@code node}, and their forms offer
 * the configured clusters. None of these form methods connects anywhere.
 */
public abstract class MeshStepDescriptor extends StepDescriptor {

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class);
    }

    public ListBoxModel doFillClusterItems(@AncestorInPath Item item) {
        ListBoxModel names = new ListBoxModel();
        if (item == null || item.hasPermission(Item.CONFIGURE)) {
            for (MeshCluster cluster : MeshPipelineConfiguration.get().getClusters()) {
                names.add(cluster.getName());
            }
        }
        return names;
    }

    public FormValidation doCheckNamespace(@QueryParameter String value) {
        return checkOptional(value, true);
    }

    public FormValidation doCheckVirtualService(@QueryParameter String value) {
        return checkOptional(value, false);
    }

    public FormValidation doCheckHttpRoute(@QueryParameter String value) {
        return checkOptional(value, false);
    }

    static FormValidation checkOptional(String value, boolean label) {
        String name = Util.fixEmptyAndTrim(value);
        if (name == null || (label ? KubernetesName.isLabel(name) : KubernetesName.isSubdomain(name))) {
            return FormValidation.ok();
        }
        return FormValidation.error(Messages.MeshStepDescriptor_BadName(name));
    }
}
