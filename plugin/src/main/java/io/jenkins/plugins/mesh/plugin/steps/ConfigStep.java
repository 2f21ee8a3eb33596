package io.jenkins.plugins.mesh.plugin.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.mesh.plugin.config.MeshCluster;
import io.jenkins.plugins.mesh.plugin.config.MeshPipelineConfiguration;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * What {@code meshPlan} and {@code meshApply} share: the workspace files (an Ant pattern), the cluster to compare them
 * with, the namespace of objects that name none, and whether owned objects gone from the files are deleted.
 */
public abstract class ConfigStep extends Step {

    private final String files;
    private final String cluster;
    private String namespace;
    private boolean prune;

    protected ConfigStep(String files, String cluster) {
        this.files = Util.fixEmptyAndTrim(files);
        this.cluster = Util.fixEmptyAndTrim(cluster);
    }

    /** Ant pattern(s), comma separated, relative to the workspace: {@code deploy/istio/**}{@code /*.yaml}. */
    public String getFiles() {
        return files;
    }

    public String getCluster() {
        return cluster;
    }

    public @CheckForNull String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = Util.fixEmptyAndTrim(namespace);
    }

    /** Whether objects Mesh Pipeline wrote that are gone from the files are deleted. */
    public boolean isPrune() {
        return prune;
    }

    @DataBoundSetter
    public void setPrune(boolean prune) {
        this.prune = prune;
    }

    /**
     * Checks the parameters and reads the global configuration only (no I/O: this runs on the CPS VM thread).
     *
     * @return the namespace of objects that name none: the step's, else the cluster's default, else {@code default}
     */
    String checkedNamespace(String step) throws AbortException {
        if (files == null) {
            throw new AbortException(Messages.ConfigStep_NoFiles(step));
        }
        if (cluster == null) {
            throw new AbortException(Messages.MeshRouteStep_NoCluster(step));
        }
        MeshCluster configured = MeshPipelineConfiguration.get().requireCluster(cluster);
        if (namespace != null) {
            return namespace;
        }
        return configured.getNamespace() != null ? configured.getNamespace() : "default";
    }

    /** The descriptor of a step that reads workspace files: it runs inside {@code node}. */
    public abstract static class ConfigStepDescriptor extends MeshStepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class);
        }

        public FormValidation doCheckFiles(@QueryParameter String value) {
            return FormValidation.validateRequired(value);
        }
    }
}
