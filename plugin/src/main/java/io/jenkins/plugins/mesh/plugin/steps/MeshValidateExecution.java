package io.jenkins.plugins.mesh.plugin.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Collects the workspace files on the agent in one call, validates them on the controller through the engine and
 * returns the findings. Validation takes seconds, so this execution does not survive a restart (the step is re-run).
 */
final class MeshValidateExecution extends SynchronousNonBlockingStepExecution<List<Map<String, Object>>> {

    private static final long serialVersionUID = 1L;

    private final String files;
    private final String planJson;

    MeshValidateExecution(StepContext context, String files, String planJson) {
        super(context);
        this.files = files;
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
        List<WorkspaceFile> matched = workspace.act(new WorkspaceFiles(files));
        if (matched.isEmpty()) {
            throw new AbortException(Messages.MeshValidateExecution_NoMatch(files, workspace.getRemote()));
        }
        listener.getLogger().println(Messages.MeshValidateExecution_Validating(matched.size(), files));
        return ConfigValidation.validate(matched, planJson, run, listener);
    }
}
