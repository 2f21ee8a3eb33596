package io.jenkins.plugins.mesh.plugin.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.mesh.simulator.VersionBehaviour;
import io.jenkins.plugins.mesh.testkit.PrometheusAssumptions;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * meshAnalyze in real Pipelines against the simulated mesh: the pipeline shifts traffic with meshTraffic, lets it run,
 * and the step judges the current traffic from a real Prometheus without touching the route.
 */
public class MeshAnalyzePipelineTest {

    private static final String SHIFT = "meshTraffic cluster: 'sim', virtualService: 'reviews', route: 'primary', "
            + "stable: 'v1', canary: 'v2', weight: 50\nsleep 8\n";
    private static final String ANALYZE = "meshAnalyze cluster: 'sim', virtualService: 'reviews', route: 'primary', "
            + "stable: 'v1', canary: 'v2', metrics: 'prom', window: '5s', "
            + "checks: [[metric: 'successRate', min: 95], [metric: 'latencyP99', max: 1000]]";

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private SimulatedMesh mesh;

    @After
    public void stopMesh() {
        if (mesh != null) {
            mesh.close();
        }
    }

    private WorkflowRun run(Result expected, VersionBehaviour canary, String script) throws Exception {
        PrometheusAssumptions.assumePrometheusAvailable();
        mesh = SimulatedMesh.start(canary);
        mesh.configure();
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return r.buildAndAssertStatus(expected, job);
    }

    @Test
    public void aHealthyCanaryPassesAndTheVerdictsAreReturnedWithoutARouteChange() throws Exception {
        WorkflowRun run = run(Result.SUCCESS, SimulatedMesh.HEALTHY, SHIFT
                + "def analysis = " + ANALYZE + "\n"
                + "echo \"verdict=${analysis.verdict} failed=${analysis.failed} checks=${analysis.checks.size()}\"\n"
                + "echo \"first=${analysis.checks[0].check} ${analysis.checks[0].verdict}\"");

        r.assertLogContains("meshAnalyze VirtualService bookinfo/reviews route primary", run);
        r.assertLogContains("verdict=PASS failed=false checks=2", run);
        r.assertLogContains("first=success-rate>=95 PASS", run);
        assertThat(mesh.primaryWeights()).isEqualTo(Map.of("v1", 50, "v2", 50));
    }

    @Test
    public void aFailingCanaryFailsTheStageAndChangesNothing() throws Exception {
        WorkflowRun run = run(Result.FAILURE, SimulatedMesh.FAILING, SHIFT + ANALYZE);

        r.assertLogContains("FAIL success-rate>=95", run);
        r.assertLogContains("meshAnalyze: the analysis is FAIL, which fails with failOn: 'inconclusive'.", run);
        assertThat(mesh.primaryWeights()).isEqualTo(Map.of("v1", 50, "v2", 50));
    }

    @Test
    public void withFailOnNeverThePipelineDecidesFromTheReturnedVerdict() throws Exception {
        WorkflowRun run = run(Result.SUCCESS, SimulatedMesh.FAILING, SHIFT
                + "def analysis = " + ANALYZE + ", failOn: 'never'\n"
                + "if (analysis.verdict != 'PASS') { echo \"rolling back: ${analysis.verdict}\" }");

        r.assertLogContains("rolling back: FAIL", run);
    }

    @Test
    public void noCanaryTrafficIsInconclusiveAndFailsByDefault() throws Exception {
        WorkflowRun run = run(Result.FAILURE, SimulatedMesh.HEALTHY, ANALYZE);

        r.assertLogContains("meshAnalyze: the analysis is INCONCLUSIVE", run);
        assertThat(mesh.hasLeases()).isFalse();
    }

    @Test
    public void twoSubsetsOfAServiceNeedNoCluster() throws Exception {
        WorkflowRun run = run(Result.SUCCESS, SimulatedMesh.HEALTHY, SHIFT
                + "def analysis = meshAnalyze namespace: 'bookinfo', service: 'reviews', stable: 'v1', canary: 'v2', "
                + "metrics: 'prom', window: '5s', checks: [[metric: 'successRate', min: 95]]\n"
                + "echo \"target=${analysis.target} verdict=${analysis.verdict}\"");

        r.assertLogContains("target=Service bookinfo/reviews: v1 -> v2 verdict=PASS", run);
    }
}
