package io.jenkins.plugins.mesh.plugin.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.TaskListener;
import io.jenkins.plugins.mesh.engine.apply.ConfigApply;
import io.jenkins.plugins.mesh.engine.apply.PlanResult;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.mesh.engine.kube.ClusterException;
import io.jenkins.plugins.mesh.engine.traffic.TrafficException;
import io.jenkins.plugins.mesh.engine.config.YamlConfigLoader;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import io.jenkins.plugins.mesh.engine.validate.Finding;
import io.jenkins.plugins.mesh.engine.validate.Severity;
import io.jenkins.plugins.mesh.engine.validate.Validator;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan of {@code meshPlan} and {@code meshApply}, as {@code mesh plan} makes it: the workspace files read on the
 * agent in one round trip, loaded by the engine under their workspace paths (so findings and changes point at file
 * and line), validated and compared with the cluster by the engine's planner. Nothing is written.
 */
final class ConfigPlanning {

    private ConfigPlanning() {
    }

    /**
     * Plans the files matching {@code files} in the workspace against {@code cluster}.
     *
     * @throws AbortException when no file matches, the cluster cannot be read, or validation errors stop the plan
     *     (each error is printed first)
     */
    static PlanResult plan(String step, FilePath workspace, String files, String namespace, boolean prune,
            BuildCluster cluster, TaskListener listener) throws IOException, InterruptedException {
        if (workspace == null) {
            throw new AbortException(Messages.ConfigPlanning_NoWorkspace(step));
        }
        List<WorkspaceFile> matched = workspace.act(new WorkspaceFiles(files));
        if (matched.isEmpty()) {
            throw new AbortException(Messages.MeshValidateExecution_NoMatch(files, workspace.getRemote()));
        }
        PrintStream log = listener.getLogger();
        log.println(Messages.ConfigPlanning_Planning(step, matched.size(), files, namespace));
        Map<String, String> texts = new LinkedHashMap<>();
        for (WorkspaceFile file : matched) {
            texts.put(file.path(), file.content());
        }
        PlanResult result;
        try {
            result = new ConfigApply(cluster.client(), Clock.systemUTC(), TrafficSettings.defaults())
                    .planner(Validator.standard()).plan(new YamlConfigLoader(namespace).readAll(texts), prune);
        } catch (TrafficException | ClusterException | KubernetesClientException e) {
            // reading the cluster failed before anything was written: the engine's message says what to fix
            throw new AbortException(Messages.ConfigPlanning_CannotRead(step, e.getMessage()));
        }
        if (result.stopped()) {
            for (Finding finding : result.validation().findings()) {
                if (finding.severity() == Severity.ERROR) {
                    log.println(finding.toText());
                }
            }
            throw new AbortException(Messages.ConfigPlanning_Invalid(step,
                    result.validation().count(Severity.ERROR)));
        }
        return result;
    }
}
