package io.jenkins.plugins.mesh.plugin.steps;

import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.List;
import java.util.Map;

/**
 * Everything the steps ask of the engine, as plain values (plan and state are JSON strings). Each call does its
 * cluster and metric I/O and returns; none waits out an interval. Steps obtain the implementation with
 * {@link #get()}.
 */
public interface MeshOperations {

    /** Checks the plan against the cluster, takes the route lock, stores the snapshot and sets the first weight. */
    CanaryProgress beginCanary(String planJson, Run<?, ?> run, TaskListener listener) throws Exception;

    /** Evaluates the current step's checks and advances, holds, promotes or restores. */
    CanaryProgress tickCanary(String planJson, String stateJson, Run<?, ?> run, TaskListener listener)
            throws Exception;

    /** Restores the routes the rollout changed (abort or error), verifies them, and finishes the rollout. */
    CanaryProgress restoreCanary(String planJson, String stateJson, String reason, Run<?, ?> run,
            TaskListener listener) throws Exception;

    /** Sets explicit weights ({@code meshTraffic}); returns a one-line summary. */
    String setTraffic(String planJson, Run<?, ?> run, TaskListener listener) throws Exception;

    /** Restores the last stored snapshot of the target ({@code meshRollback}); returns a one-line summary. */
    String rollback(String planJson, Run<?, ?> run, TaskListener listener) throws Exception;

    /** Validates the files; returns the findings as maps (code, severity, file, line, message). */
    List<Map<String, Object>> validate(List<WorkspaceFile> files, String planJson, Run<?, ?> run,
            TaskListener listener) throws Exception;

    static MeshOperations get() {
        return new EngineNotWired();
    }
}
