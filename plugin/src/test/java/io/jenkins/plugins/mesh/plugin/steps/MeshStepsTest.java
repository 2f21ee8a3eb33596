package io.jenkins.plugins.mesh.plugin.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import hudson.model.TaskListener;
import io.jenkins.plugins.mesh.plugin.config.MeshCluster;
import io.jenkins.plugins.mesh.plugin.config.MeshPipelineConfiguration;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

public class MeshStepsTest {

    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Test
    public void pipelineMapsBindToTheCanaryStepAndRoundTrip() throws Exception {
        Map<String, Object> args = Map.ofEntries(
                Map.entry("cluster", "prod"), Map.entry("stable", "v1"), Map.entry("canary", "v2"),
                Map.entry("virtualService", "reviews"),
                Map.entry("steps", List.of(5, 20)),
                Map.entry("interval", "30s"),
                Map.entry("metrics", "prom-prod"),
                Map.entry("failureLimit", 2),
                Map.entry("analysis", "fixed"), Map.entry("sampleEvery", "5s"), Map.entry("onInconclusive", "hold"),
                Map.entry("checks", List.of(Map.of("metric", "successRate", "min", 99),
                        Map.of("metric", "latencyP99", "max", 500.5),
                        Map.of("metric", "query", "name", "db-errors", "max", 5,
                                "query", "sum(rate(db_errors_total[{{window}}]))"))));

        MeshCanaryStep step = DescribableModel.of(MeshCanaryStep.class).instantiate(args, TaskListener.NULL);

        assertThat(step.getSteps()).containsExactly(5, 20);
        assertThat(step.getChecks()).hasSize(3);
        assertThat(step.getChecks()).extracting(MeshCheck::spec).containsExactly("success-rate>=99",
                "latency-p99<=500.5", "query:db-errors:..5:sum(rate(db_errors_total[{{window}}]))");
        assertThat(step.getChecks().get(0).getMin()).isEqualTo(99.0);
        assertThat(step.getChecks().get(1).getMax()).isEqualTo(500.5);
        assertThat(step.isPromote()).isTrue();
        assertThat(step.getAnalysis()).isEqualTo("fixed");
        assertThat(step.getSampleEvery()).isEqualTo("5s");
        assertThat(step.getOnInconclusive()).isEqualTo("hold");
        MeshCanaryStep again = DescribableModel.uninstantiate2_(step).instantiate(MeshCanaryStep.class);
        r.assertEqualDataBoundBeans(step, again);
    }

    @Test
    public void phaseParametersBindAndRoundTrip() throws Exception {
        Map<String, Object> args = Map.ofEntries(
                Map.entry("cluster", "prod"), Map.entry("stable", "v1"), Map.entry("canary", "v2"),
                Map.entry("virtualService", "reviews"), Map.entry("metrics", "prom-prod"),
                Map.entry("mirror", "0.5"), Map.entry("mirrorFor", "5m"),
                Map.entry("match", "header:x-canary=true\ncookie:beta=1"), Map.entry("matchFor", "10m"),
                Map.entry("afterMatch", "remove"), Map.entry("sticky", "mesh-canary"));

        MeshCanaryStep step = DescribableModel.of(MeshCanaryStep.class).instantiate(args, TaskListener.NULL);

        assertThat(step.getMirror()).isEqualTo("0.5");
        assertThat(step.getMirrorFor()).isEqualTo("5m");
        assertThat(step.getMatch()).isEqualTo("header:x-canary=true\ncookie:beta=1");
        assertThat(step.getMatchFor()).isEqualTo("10m");
        assertThat(step.getAfterMatch()).isEqualTo("remove");
        assertThat(step.getSticky()).isEqualTo("mesh-canary");
        MeshCanaryStep again = DescribableModel.uninstantiate2_(step).instantiate(MeshCanaryStep.class);
        r.assertEqualDataBoundBeans(step, again);
        assertThat(DescribableModel.uninstantiate2_(new MeshCanaryStep("prod", "v1", "v2")).toMap())
                .as("no phase parameter without phases").doesNotContainKeys("mirror", "mirrorFor", "match",
                        "matchFor", "afterMatch", "sticky", "steps");
    }

    @Test
    public void badPhaseParametersFailWithTheEnginesMessageBeforeTheClusterIsContacted() throws Exception {
        String canary = canaryOnAnUnreachableCluster();

        WorkflowRun run = runFailing(canary + "mirror: 'lots'");
        r.assertLogContains("meshCanary mirror: 'lots' is not a percent", run);
        r.assertLogNotContains("\tat ", run);

        run = runFailing(canary + "mirror: '0'");
        r.assertLogContains("meshCanary: the mirrored share must be more than 0 and at most 100 percent", run);

        run = runFailing(canary + "mirrorFor: '5m'");
        r.assertLogContains("meshCanary: mirror-for 5m without mirror", run);

        run = runFailing(canary + "match: 'header:x-canary=true', afterMatch: 'end', steps: [10, 50]");
        r.assertLogContains("after-match end ends the rollout after its A/B phase, but steps [10, 50] were given",
                run);

        run = runFailing(canary + "afterMatch: 'keep'");
        r.assertLogContains("meshCanary: after-match without match", run);

        run = runFailing(canary + "match: 'query:x=1'");
        r.assertLogContains("meshCanary: 'query:x=1' does not start with header: or cookie:; write header:NAME=VALUE",
                run);

        run = runFailing(canary + "sticky: 'a cookie'");
        r.assertLogContains("meshCanary: 'a cookie' is not a valid cookie name", run);
        r.assertLogNotContains("Cannot connect", run);
        r.assertLogNotContains("meshCanary: VirtualService", run);
    }

    private WorkflowRun runFailing(String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return r.buildAndAssertStatus(Result.FAILURE, job);
    }

    @Test
    public void routeStepsNeedExactlyOneTargetAndRunWithoutNode() throws Exception {
        WorkflowRun run = runFailing("meshCanary cluster: 'prod', stable: 'v1', canary: 'v2', "
                + "virtualService: 'reviews', httpRoute: 'reviews'");
        r.assertLogContains("meshCanary needs exactly one of virtualService and httpRoute.", run);
        r.assertLogNotContains("Required context", run);
    }

    @Test
    public void trafficWeightOutsideZeroToHundredFailsBeforeAnyWrite() throws Exception {
        WorkflowRun run = runFailing("meshTraffic cluster: 'prod', virtualService: 'reviews', weight: 150");
        r.assertLogContains("Weight 150 is outside 0..100.", run);
    }

    @Test
    public void aCanaryWithoutAMetricServerIsRejected() throws Exception {
        WorkflowRun run = runFailing("meshCanary cluster: 'prod', stable: 'v1', canary: 'v2', "
                + "virtualService: 'reviews', checks: [[metric: 'successRate', min: 99]]");
        r.assertLogContains("meshCanary needs metrics", run);
    }

    /**
     * Configures cluster {@code prod} at an address nothing listens on, so a step must fail before it would connect,
     * and returns the start of a meshCanary call on it, to be followed by more parameters.
     */
    private static String canaryOnAnUnreachableCluster() {
        MeshCluster prod = new MeshCluster("prod");
        prod.setServerUrl("https://127.0.0.1:1");
        prod.setNamespace("shop");
        MeshPipelineConfiguration.get().setClusters(List.of(prod));
        return "meshCanary cluster: 'prod', stable: 'v1', canary: 'v2', virtualService: 'reviews', metrics: 'prom', ";
    }

    @Test
    public void badAnalysisParametersFailClearlyBeforeTheClusterIsContacted() throws Exception {
        String canary = canaryOnAnUnreachableCluster();

        WorkflowRun run = runFailing(canary + "analysis: 'bayesian'");
        r.assertLogContains("meshCanary analysis: analysis must be 'sequential' or 'fixed', got 'bayesian'", run);
        r.assertLogNotContains("Cannot connect", run);
        r.assertLogNotContains("meshCanary: VirtualService", run);
        r.assertLogNotContains("\tat ", run);

        run = runFailing(canary + "onInconclusive: 'promote'");
        r.assertLogContains("meshCanary onInconclusive:", run);
        r.assertLogContains("'restore' or 'hold', got 'promote'", run);

        run = runFailing(canary + "sampleEvery: 'often'");
        r.assertLogContains("meshCanary sampleEvery:", run);
        r.assertLogContains("often", run);
    }

    @Test
    public void trafficNeedsBothVersions() throws Exception {
        WorkflowRun run = runFailing("meshTraffic cluster: 'prod', virtualService: 'reviews', weight: 50");
        r.assertLogContains("meshTraffic needs both stable and canary", run);
    }

    @Test
    public void unknownCheckMetricNamesTheKnownOnes() throws Exception {
        WorkflowRun run = runFailing("meshCanary cluster: 'prod', stable: 'v1', canary: 'v2', "
                + "virtualService: 'reviews', metrics: 'prom', checks: [[metric: 'throughput', min: 1]]");
        r.assertLogContains("Unknown check metric", run);
        r.assertLogContains("successRate, latencyP99, requestRate, errorRateVsStable, latencyP99VsStable, query", run);
    }

    @Test
    public void validateNeedsAWorkspace() throws Exception {
        WorkflowRun run = runFailing("meshValidate files: 'deploy/**/*.yaml'");
        r.assertLogContains("FilePath", run);
    }
}
