package io.jenkins.plugins.mesh.plugin.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.PluginWrapper;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mesh.engine.validate.ValidationReport;
import io.jenkins.plugins.mesh.engine.validate.ValidationReportSarif;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Collects the workspace files (and policy files) on the agent, validates them on the controller through the engine,
 * writes the findings as SARIF into the workspace and returns them. Validation takes seconds, so this execution does
 * not survive a restart (the step is re-run).
 */
final class MeshValidateExecution extends SynchronousNonBlockingStepExecution<List<Map<String, Object>>> {

    private static final long serialVersionUID = 1L;

    private final String files;
    private final List<String> policies;
    private final String sarifFile;
    private final String planJson;

    MeshValidateExecution(StepContext context, String files, List<String> policies, String sarifFile,
            String planJson) {
        super(context);
        this.files = files;
        this.policies = List.copyOf(policies);
        this.sarifFile = sarifFile;
        this.planJson = planJson;
    }

    @Override
    protected List<Map<String, Object>> run() throws Exception {
        FilePath workspace = getContext().get(FilePath.class);
        TaskListener listener = getContext().get(TaskListener.class);
        Run<?, ?> run = getContext().get(Run.class);
        if (workspace == null) {
            throw new AbortException(Messages.MeshValidateExecution_NoWorkspace());
        }
        List<WorkspaceFile> policyFiles = new ArrayList<>();
        for (String policy : policies) {
            FilePath file = workspace.child(policy);
            if (!file.exists()) {
                throw new AbortException(Messages.MeshValidateExecution_NoPolicy(policy, workspace.getRemote()));
            }
            policyFiles.add(new WorkspaceFile(policy, file.readToString()));
        }
        List<WorkspaceFile> matched = workspace.act(new WorkspaceFiles(files));
        if (matched.isEmpty()) {
            throw new AbortException(Messages.MeshValidateExecution_NoMatch(files, workspace.getRemote()));
        }
        listener.getLogger().println(Messages.MeshValidateExecution_Validating(matched.size(), files));
        ValidationReport report = ConfigValidation.validate(matched, policyFiles, planJson, run, listener);
        workspace.child(sarifFile).write(ValidationReportSarif.write(report, pluginVersion()),
                StandardCharsets.UTF_8.name());
        listener.getLogger().println(Messages.MeshValidateExecution_Sarif(sarifFile));
        ConfigValidation.failOn(report, planJson);
        return ConfigValidation.findings(report);
    }

    private static String pluginVersion() {
        PluginWrapper plugin = Jenkins.get().getPluginManager().whichPlugin(MeshValidateExecution.class);
        return plugin != null ? plugin.getVersion() : "unknown";
    }
}
