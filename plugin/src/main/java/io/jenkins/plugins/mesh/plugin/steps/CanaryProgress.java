package io.jenkins.plugins.mesh.plugin.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * What one call into the rollout engine returns to {@link MeshCanaryExecution}.
 *
 * @param stateJson       the engine's rollout state after the call; the execution persists exactly this
 * @param nextTickMillis  when to call again, as epoch milliseconds (ignored once finished)
 * @param status          a short line for {@code getStatus()}, e.g. "canary at 25 %, last check passed"
 * @param outcome         once finished: promoted, held or rolled-back
 * @param reportJson      once finished: the rollout report for the build page
 * @param failed          once finished: whether the step fails (checks failed, routes restored)
 */
public record CanaryProgress(String stateJson, long nextTickMillis, String status, @CheckForNull String outcome,
        @CheckForNull String reportJson, boolean failed) {

    public boolean finished() {
        return outcome != null;
    }
}
