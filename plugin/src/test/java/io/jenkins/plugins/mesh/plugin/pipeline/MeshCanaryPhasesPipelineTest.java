package io.jenkins.plugins.mesh.plugin.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.mesh.plugin.report.MeshRolloutAction;
import io.jenkins.plugins.mesh.plugin.report.RolloutReport;
import io.jenkins.plugins.mesh.simulator.RequestMix;
import io.jenkins.plugins.mesh.simulator.VersionBehaviour;
import io.jenkins.plugins.mesh.testkit.PrometheusAssumptions;
import java.util.List;
import java.util.Map;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * meshCanary's phases in a real Pipeline against the simulated mesh, in real time with short phases: a mirror phase,
 * an A/B phase and sticky sessions before and during the weighted steps, each judged on the canary's metrics in a real
 * Prometheus; a canary caught while it only answered mirrored copies; an A/B test alone; bad phase values.
 */
public class MeshCanaryPhasesPipelineTest {

    static final String TARGET = "meshCanary cluster: 'sim', virtualService: 'reviews', route: 'primary', "
            + "stable: 'v1', canary: 'v2', interval: '5s', metrics: 'prom', "
            + "checks: [[metric: 'successRate', min: 95], [metric: 'latencyP99', max: 1000]], ";

    /** A third of the requests carry the A/B header, so the A/B phase has traffic to judge. */
    static final RequestMix MIX = RequestMix.plain().withHeader("x-canary", "true", 0.3);

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private SimulatedMesh mesh;

    @After
    public void stopMesh() {
        if (mesh != null) {
            mesh.close();
        }
    }

    private WorkflowJob job(String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    private void startMesh(VersionBehaviour canary) throws Exception {
        PrometheusAssumptions.assumePrometheusAvailable();
        mesh = SimulatedMesh.start(canary);
        mesh.configure();
    }

    private void startMeshWithHeaders() throws Exception {
        PrometheusAssumptions.assumePrometheusAvailable();
        mesh = SimulatedMesh.startWithMix(SimulatedMesh.HEALTHY, MIX, 2000);
        mesh.configure();
    }

    @Test
    public void mirrorThenABThenStepsWithStickySessionsIsPromotedAndThePageShowsThePhases() throws Exception {
        startMeshWithHeaders();
        int routesBefore = httpRoutes(mesh.reviewsSpec()).size();
        WorkflowRun run = r.buildAndAssertSuccess(job("def outcome = " + TARGET + "mirror: '50', mirrorFor: '5s', "
                + "match: 'header:x-canary=true', matchFor: '5s', steps: [20, 50], sticky: 'mesh-canary'\n"
                + "echo \"outcome=${outcome}\""));

        r.assertLogContains("outcome=PROMOTED", run);
        r.assertLogContains("mirror phase: mirror 50% of requests to the canary", run);
        r.assertLogContains("A/B phase: send requests with header:x-canary", run);
        r.assertLogContains("canary 20%", run);
        r.assertLogContains("canary 50%", run);
        assertThat(mesh.primaryWeights()).containsEntry("v1", 0).containsEntry("v2", 100);
        List<Map<String, Object>> routes = httpRoutes(mesh.reviewsSpec());
        assertThat(routes).as("the A/B and sticky routes are taken away at the end").hasSize(routesBefore);
        assertThat(routes).allSatisfy(route -> assertThat(route).doesNotContainKeys("mirror", "mirrors"));
        assertThat(mesh.hasLeases()).isFalse();

        RolloutReport report = run.getAction(MeshRolloutAction.class).getLastReport();
        assertThat(report.getOutcome()).isEqualTo("PROMOTED");
        assertThat(report.getSteps()).extracting(RolloutReport.StepEntry::getWeight).containsExactly(0, 0, 20, 50);
        assertThat(report.getSteps()).extracting(RolloutReport.StepEntry::getStageText)
                .containsExactly("mirror 50%", "A/B header:x-canary=exact:true", "20 %", "50 %");
        assertThat(report.getSteps()).allSatisfy(step -> assertThat(step.getVerdict()).isEqualTo("PASS"));
        assertThat(report.getChecks()).extracting(RolloutReport.CheckEntry::getStageText)
                .contains("mirror 50%", "A/B header:x-canary=exact:true", "20 %", "50 %");

        HtmlPage page = r.createWebClient().getPage(run, "mesh-rollout/");
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(page.querySelectorAll("svg.mesh-weight-chart g.mesh-phase-band")).hasSize(2);
        String text = page.asNormalizedText();
        assertThat(text).contains("PROMOTED", "Stage", "mirror 50%", "A/B header:x-canary=exact:true",
                "mirror phase: mirror 50% of requests to the canary");
        assertThat(page.querySelectorAll("td.mesh-stage")).extracting(cell -> cell.getTextContent().strip())
                .as("a phase shows by its name, not as 0 %").doesNotContain("0 %");
    }

    @Test
    public void aCanaryFailingInItsMirrorPhaseIsCaughtBeforeAnyUserReachesIt() throws Exception {
        startMesh(SimulatedMesh.FAILING);
        Map<String, Object> before = mesh.reviewsSpec();
        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE,
                job(TARGET + "mirror: '50', mirrorFor: '10s', steps: [20, 50]"));

        r.assertLogContains("meshCanary ended ROLLED_BACK", run);
        r.assertLogContains("the canary failed in the mirror 50% phase: success-rate>=95", run);
        r.assertLogNotContains("canary 20%", run);
        assertThat(mesh.reviewsSpec()).as("the route exactly as before, the mirror taken away").isEqualTo(before);
        assertThat(mesh.hasLeases()).isFalse();

        RolloutReport report = run.getAction(MeshRolloutAction.class).getLastReport();
        assertThat(report.getOutcome()).isEqualTo("ROLLED_BACK");
        assertThat(report.isRestored()).isTrue();
        assertThat(report.getReason()).contains("in the mirror 50% phase");
        assertThat(report.getSteps()).extracting(RolloutReport.StepEntry::getStageText).containsExactly("mirror 50%");
        assertThat(report.getSteps().get(0).getVerdict()).isEqualTo("FAIL");
        assertThat(report.getChecks()).allSatisfy(check -> assertThat(check.getPhase()).isEqualTo("mirror 50%"))
                .anySatisfy(check -> assertThat(check.getVerdict()).isEqualTo("FAIL"));

        HtmlPage page = r.createWebClient().getPage(run, "mesh-rollout/");
        assertThat(page.querySelectorAll(".mesh-outcome--rolled-back")).hasSize(1);
        assertThat(page.querySelectorAll("svg.mesh-weight-chart g.mesh-phase-band")).hasSize(1);
        assertThat(page.asNormalizedText()).contains("Routes restored yes", "in the mirror 50% phase");
    }

    @Test
    public void anABTestAloneEndsAfterItsPhaseWithoutTheDefaultSteps() throws Exception {
        startMeshWithHeaders();
        WorkflowRun run = r.buildAndAssertSuccess(job("def outcome = " + TARGET
                + "match: 'header:x-canary=true', matchFor: '5s', afterMatch: 'end'\necho \"outcome=${outcome}\""));

        r.assertLogContains("outcome=PROMOTED", run);
        r.assertLogContains("A/B phase: send requests with header:x-canary", run);
        r.assertLogContains("the share of requests the A/B match takes is not known before it runs", run);
        r.assertLogNotContains("canary 10%", run);
        assertThat(mesh.primaryWeights()).containsEntry("v1", 0).containsEntry("v2", 100);
        assertThat(mesh.hasLeases()).isFalse();
        RolloutReport report = run.getAction(MeshRolloutAction.class).getLastReport();
        assertThat(report.getSteps()).extracting(RolloutReport.StepEntry::getStageText)
                .containsExactly("A/B header:x-canary=exact:true");
    }

    @Test
    public void badPhaseValuesFailWithTheEnginesMessageAndWriteNothing() throws Exception {
        startMesh(SimulatedMesh.HEALTHY);
        Map<String, Object> before = mesh.reviewsSpec();

        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE,
                job(TARGET + "match: 'header:x-canary=true', afterMatch: 'sometimes'"));
        r.assertLogContains("meshCanary: after-match must be 'end', 'keep' or 'remove', got 'sometimes'", run);
        r.assertLogNotContains("meshCanary: VirtualService", run);
        assertThat(run.getAction(MeshRolloutAction.class)).isNull();

        run = r.buildAndAssertStatus(Result.FAILURE, job(TARGET + "mirror: '150'"));
        r.assertLogContains("meshCanary: the mirrored share must be more than 0 and at most 100 percent", run);
        r.assertLogNotContains("meshCanary: VirtualService", run);
        assertThat(run.getAction(MeshRolloutAction.class)).isNull();

        assertThat(mesh.reviewsSpec()).isEqualTo(before);
        assertThat(mesh.hasLeases()).isFalse();
    }

    @Test
    public void aDryRunWithPhasesPrintsEachPhasesChangeAndWritesNothing() throws Exception {
        startMesh(SimulatedMesh.HEALTHY);
        Map<String, Object> before = mesh.reviewsSpec();
        WorkflowRun run = r.buildAndAssertSuccess(job("def outcome = " + TARGET + "match: '''header:x-canary=true\n"
                + "cookie:beta=1''', steps: [20], sticky: 'mesh-canary', dryRun: true\necho \"outcome=${outcome}\""));

        r.assertLogContains("outcome=DRY_RUN", run);
        r.assertLogContains("A/B phase: send requests with header:x-canary=exact:true or cookie:beta", run);
        r.assertLogContains("step 1: canary 20%, the A/B route kept", run);
        r.assertLogContains("traffic pre-flight: skipped", run);
        assertThat(mesh.reviewsSpec()).isEqualTo(before);
        assertThat(mesh.hasLeases()).isFalse();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> httpRoutes(Map<String, Object> spec) {
        return (List<Map<String, Object>>) spec.get("http");
    }
}
