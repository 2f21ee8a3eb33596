package io.jenkins.plugins.mesh.plugin.steps;

import hudson.model.Run;
import hudson.model.TaskListener;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * {@code meshTraffic} and {@code meshRollback}: one guarded write that takes seconds, run off the CPS VM thread.
 * Returns the engine's one-line summary.
 */
final class RouteChangeExecution extends SynchronousNonBlockingStepExecution<String> {

    private static final long serialVersionUID = 1L;

    enum Kind { TRAFFIC, ROLLBACK }

    private final Kind kind;
    private final String planJson;

    RouteChangeExecution(StepContext context, Kind kind, String planJson) {
        super(context);
        this.kind = kind;
        this.planJson = planJson;
    }

    @Override
    protected String run() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        String summary = kind == Kind.TRAFFIC
                ? RouteChanges.setTraffic(planJson, run, listener)
                : RouteChanges.rollback(planJson, run, listener);
        listener.getLogger().println(summary);
        return summary;
    }
}
