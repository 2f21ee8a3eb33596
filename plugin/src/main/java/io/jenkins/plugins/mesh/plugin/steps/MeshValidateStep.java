package io.jenkins.plugins.mesh.plugin.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code meshValidate}: validates the Istio and Gateway API files of the workspace (and, with {@code cluster}, their
 * references to what is live), prints the findings compiler-style, fails on findings at or above {@code failOn}, and
 * returns the findings as a list of maps.
 */
public class MeshValidateStep extends Step {

    /** The severities {@code failOn} accepts; {@code never} only reports. */
    public static final List<String> FAIL_ON = List.of("error", "warning", "never");
    /** Where the findings go as SARIF for Warnings Next Generation, relative to the workspace. */
    public static final String DEFAULT_SARIF_FILE = "mesh-validate.sarif";

    private final String files;
    private String cluster;
    private String namespace;
    private String failOn = "error";
    private String policy;
    private String sarifFile = DEFAULT_SARIF_FILE;

    @DataBoundConstructor
    public MeshValidateStep(String files) {
        this.files = Util.fixEmptyAndTrim(files);
    }

    /** Ant pattern(s), comma separated, relative to the workspace: {@code deploy/istio/**}{@code /*.yaml}. */
    public String getFiles() {
        return files;
    }

    public @CheckForNull String getCluster() {
        return cluster;
    }

    @DataBoundSetter
    public void setCluster(String cluster) {
        this.cluster = Util.fixEmptyAndTrim(cluster);
    }

    public @CheckForNull String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = Util.fixEmptyAndTrim(namespace);
    }

    public String getFailOn() {
        return failOn;
    }

    @DataBoundSetter
    public void setFailOn(String failOn) {
        String value = Util.fixEmptyAndTrim(failOn);
        this.failOn = value == null ? "error" : value;
    }

    /** Policy files of CEL rules every object must keep, workspace paths, comma separated. */
    public @CheckForNull String getPolicy() {
        return policy;
    }

    @DataBoundSetter
    public void setPolicy(String policy) {
        this.policy = Util.fixEmptyAndTrim(policy);
    }

    /** The SARIF file the findings are written to, relative to the workspace; {@value #DEFAULT_SARIF_FILE}. */
    public String getSarifFile() {
        return sarifFile;
    }

    @DataBoundSetter
    public void setSarifFile(String sarifFile) {
        String value = Util.fixEmptyAndTrim(sarifFile);
        this.sarifFile = value == null ? DEFAULT_SARIF_FILE : value;
    }

    /** The policy paths, in order. */
    List<String> policyPaths() {
        List<String> paths = new ArrayList<>();
        if (policy != null) {
            for (String path : policy.split(",")) {
                if (!path.isBlank()) {
                    paths.add(path.strip());
                }
            }
        }
        return paths;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new MeshValidateExecution(context, files, policyPaths(), sarifFile, planJson());
    }

    String planJson() throws AbortException {
        if (files == null) {
            throw new AbortException(Messages.MeshValidateStep_NoFiles());
        }
        if (!FAIL_ON.contains(failOn)) {
            throw new AbortException(Messages.MeshValidateStep_BadFailOn(failOn, String.join(", ", FAIL_ON)));
        }
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("files", files);
        plan.put("cluster", cluster);
        plan.put("namespace", namespace);
        plan.put("failOn", failOn);
        return PlanJson.write(plan);
    }

    @Extension
    @Symbol("meshValidate")
    public static final class DescriptorImpl extends MeshStepDescriptor {

        @Override
        public String getFunctionName() {
            return "meshValidate";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.MeshValidateStep_DisplayName();
        }

        /** Reads workspace files, so unlike the other mesh steps it runs inside {@code node}. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class);
        }

        /** The cluster is optional here: offer "none" first. */
        @Override
        public ListBoxModel doFillClusterItems(@AncestorInPath Item item) {
            ListBoxModel names = super.doFillClusterItems(item);
            names.add(0, new ListBoxModel.Option("", ""));
            return names;
        }

        public FormValidation doCheckFiles(@QueryParameter String value) {
            return FormValidation.validateRequired(value);
        }

        public ListBoxModel doFillFailOnItems() {
            ListBoxModel items = new ListBoxModel();
            FAIL_ON.forEach(items::add);
            return items;
        }
    }
}
