package io.jenkins.plugins.mesh.plugin.steps;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mesh.engine.analysis.CheckRecord;
import io.jenkins.plugins.mesh.engine.analysis.PrometheusMeshObserver;
import io.jenkins.plugins.mesh.engine.analysis.PrometheusMetricProvider;
import io.jenkins.plugins.mesh.engine.rollout.AnalysisReport;
import io.jenkins.plugins.mesh.engine.rollout.AnalysisRequest;
import io.jenkins.plugins.mesh.engine.rollout.CurrentTrafficAnalysis;
import io.jenkins.plugins.mesh.engine.traffic.TrafficException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * {@code meshAnalyze}: one window of queries, a few seconds, run off the CPS VM thread (re-run after a restart).
 * Reads the route when one names the versions, writes nothing. Returns the engine's analysis report as a map.
 */
final class MeshAnalyzeExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String planJson;

    MeshAnalyzeExecution(StepContext context, String planJson) {
        super(context);
        this.planJson = planJson;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        PrintStream log = getContext().get(TaskListener.class).getLogger();
        JsonNode plan = PlanJson.read(planJson);
        AnalysisRequest request = MeshAnalyzeStep.request(plan);
        PrometheusMetricProvider metrics = BuildMetrics.open("meshAnalyze", PlanJson.text(plan, "metrics"), run);
        AnalysisReport report = analyse(request, PlanJson.text(plan, "cluster"), metrics, run);
        log.println(Messages.MeshAnalyzeExecution_Summary(report.target(), report.window(), report.verdict()));
        for (CheckRecord check : report.checks()) {
            log.println("  " + check.summary());
        }
        if (report.metricsUnavailable()) {
            throw new AbortException(Messages.MeshAnalyzeExecution_NoMetrics(PlanJson.text(plan, "metrics"),
                    report.checks().get(0).error()));
        }
        if (report.failed()) {
            throw new AbortException(Messages.MeshAnalyzeExecution_Failed(report.verdict(), report.failOn()));
        }
        return JSON.readValue(report.toJson(), new TypeReference<Map<String, Object>>() { });
    }

    private static AnalysisReport analyse(AnalysisRequest request, String clusterName,
            PrometheusMetricProvider metrics, Run<?, ?> run) throws Exception {
        PrometheusMeshObserver observer = new PrometheusMeshObserver(metrics, request.reporter());
        if (request.kind() == null) {
            return CurrentTrafficAnalysis.prepare(request, null).evaluate(observer, metrics, Instant.now());
        }
        try (BuildCluster cluster = BuildCluster.open(clusterName, run)) {
            return CurrentTrafficAnalysis.prepare(request, cluster.traffic()).evaluate(observer, metrics,
                    Instant.now());
        } catch (TrafficException | IllegalArgumentException e) {
            throw new AbortException("meshAnalyze: " + e.getMessage());
        }
    }
}
