package io.jenkins.plugins.mesh.plugin.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mesh.engine.apply.ApplyPlan;
import io.jenkins.plugins.mesh.engine.apply.PlanText;
import io.jenkins.plugins.mesh.engine.apply.PlannedChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Plans the workspace files against the cluster on a pool thread (reading only), prints the plan as {@code mesh plan}
 * does, records it on the build page and returns it. A plan takes seconds, so this execution does not survive a
 * restart (the step is re-run).
 */
final class MeshPlanExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

    private static final long serialVersionUID = 1L;

    private final String files;
    private final String cluster;
    private final String namespace;
    private final boolean prune;
    private final boolean failOnDrift;

    MeshPlanExecution(StepContext context, String files, String cluster, String namespace, boolean prune,
            boolean failOnDrift) {
        super(context);
        this.files = files;
        this.cluster = cluster;
        this.namespace = namespace;
        this.prune = prune;
        this.failOnDrift = failOnDrift;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        ApplyPlan plan;
        try (BuildCluster connection = BuildCluster.open(cluster, run)) {
            plan = ConfigPlanning.plan("meshPlan", getContext().get(FilePath.class), files, namespace, prune,
                    connection, listener).plan();
        }
        String text = PlanText.render(plan);
        listener.getLogger().print(text);
        Map<String, Object> planMap = io.jenkins.plugins.mesh.engine.apply.PlanJson.toMap(plan);
        new ConfigRecord("meshPlan", cluster, namespace, files, planMap).addTo(run);
        List<PlannedChange> conflicts = plan.conflicts();
        if (!conflicts.isEmpty()) {
            throw new AbortException(Messages.MeshPlanExecution_Conflicts(conflicts.size(),
                    conflicts.get(0).displayName(), conflicts.get(0).reason()));
        }
        if (failOnDrift && !plan.drifts().isEmpty()) {
            throw new AbortException(Messages.MeshPlanExecution_Drift(plan.drifts().size(),
                    plan.drifts().get(0).displayName()));
        }
        Map<String, Object> result = new LinkedHashMap<>(planMap);
        result.put("text", text);
        return result;
    }
}
