package io.jenkins.plugins.mesh.plugin.steps;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.List;
import java.util.Map;

/**
 * The {@link MeshOperations} of a plugin built before the engine's rollout, traffic and validation APIs are wired:
 * every call fails the step with a message saying so, before anything is written to a cluster.
 */
final class EngineNotWired implements MeshOperations {

    private static AbortException notWired(String step) {
        return new AbortException(Messages.EngineNotWired_Message(step));
    }

    @Override
    public CanaryProgress beginCanary(String planJson, Run<?, ?> run, TaskListener listener) throws AbortException {
        throw notWired("meshCanary");
    }

    @Override
    public CanaryProgress tickCanary(String planJson, String stateJson, Run<?, ?> run, TaskListener listener)
            throws AbortException {
        throw notWired("meshCanary");
    }

    @Override
    public CanaryProgress restoreCanary(String planJson, String stateJson, String reason, Run<?, ?> run,
            TaskListener listener) throws AbortException {
        throw notWired("meshCanary");
    }

    @Override
    public String setTraffic(String planJson, Run<?, ?> run, TaskListener listener) throws AbortException {
        throw notWired("meshTraffic");
    }

    @Override
    public String rollback(String planJson, Run<?, ?> run, TaskListener listener) throws AbortException {
        throw notWired("meshRollback");
    }

    @Override
    public List<Map<String, Object>> validate(List<WorkspaceFile> files, String planJson, Run<?, ?> run,
            TaskListener listener) throws AbortException {
        throw notWired("meshValidate");
    }
}
