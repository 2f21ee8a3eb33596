package io.jenkins.plugins.mesh.plugin.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Executor;
import hudson.model.Result;
import io.jenkins.plugins.mesh.plugin.report.MeshRolloutAction;
import io.jenkins.plugins.mesh.plugin.report.RolloutReport;
import io.jenkins.plugins.mesh.simulator.VersionBehaviour;
import io.jenkins.plugins.mesh.testkit.PrometheusAssumptions;
import java.util.List;
import java.util.Map;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * meshCanary in a real Pipeline against the simulated mesh: the weights go through the API server, the traffic follows
 * them, a real Prometheus scrapes the Istio metrics, and every path ends with the route as the engine left it. When
 * the traffic cannot judge the canary: a service nobody calls is caught by the pre-flight before anything is written,
 * and a canary whose traffic stays below what its checks need ends INCONCLUSIVE, an UNSTABLE build, with the routes
 * restored or held as asked.
 */
public class MeshCanaryPipelineTest {

    static final String CANARY = "meshCanary cluster: 'sim', virtualService: 'reviews', route: 'primary', "
            + "stable: 'v1', canary: 'v2', steps: [20, 50], interval: '5s', metrics: 'prom', "
            + "checks: [[metric: 'successRate', min: 95], [metric: 'latencyP99', max: 1000]]";

    /**
     * The canary gets 20 % of 100 requests/s, so the pre-flight passes, but its request-rate check needs 500/s: every
     * analysis is inconclusive (too little traffic is never the canary's fault), and the 20th in a row ends it.
     */
    static final String THIN = "meshCanary cluster: 'sim', virtualService: 'reviews', route: 'primary', "
            + "stable: 'v1', canary: 'v2', steps: [20], interval: '2s', metrics: 'prom', inconclusiveLimit: 3, "
            + "checks: [[metric: 'requestRate', min: 500]]";

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
        startMesh(canary, 100);
    }

    private void startMesh(VersionBehaviour canary, double requestRate) throws Exception {
        PrometheusAssumptions.assumePrometheusAvailable();
        mesh = SimulatedMesh.start(canary, requestRate);
        mesh.configure();
    }

    @Test
    public void aHealthyCanaryIsPromotedAndReported() throws Exception {
        startMesh(SimulatedMesh.HEALTHY);
        WorkflowRun run = r.buildAndAssertSuccess(job("def outcome = " + CANARY + "\necho \"outcome=${outcome}\""));

        r.assertLogContains("outcome=PROMOTED", run);
        r.assertLogContains("meshCanary: VirtualService bookinfo/reviews route primary: v1 -> v2", run);
        r.assertLogContains("canary 20%", run);
        r.assertLogContains("canary 50%", run);
        assertThat(mesh.primaryWeights()).containsEntry("v1", 0).containsEntry("v2", 100);
        assertThat(mesh.hasLeases()).isFalse();
        RolloutReport report = run.getAction(MeshRolloutAction.class).getLastReport();
        assertThat(report.getOutcome()).isEqualTo("PROMOTED");
        assertThat(report.getSteps()).extracting(RolloutReport.StepEntry::getWeight).containsExactly(20, 50);
        assertThat(report.getChecks()).isNotEmpty()
                .allSatisfy(check -> assertThat(check.getVerdict()).isEqualTo("PASS"));
        assertThat(report.getFinalWeight()).isEqualTo(100);

        HtmlPage page = r.createWebClient().getPage(run, "mesh-rollout/");
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(page.querySelectorAll("svg.mesh-weight-chart")).hasSize(1);
        assertThat(page.querySelectorAll("svg.mesh-check-chart")).hasSize(2);
        assertThat(page.asNormalizedText()).contains("PROMOTED", "min 95 %", "max 1000 ms", "+0s");
    }

    @Test
    public void aFailingCanaryIsRolledBackAndTheRouteIsExactlyAsBefore() throws Exception {
        startMesh(SimulatedMesh.FAILING);
        Map<String, Object> before = mesh.reviewsSpec();
        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job(CANARY));

        r.assertLogContains("meshCanary ended ROLLED_BACK", run);
        r.assertLogContains("success-rate>=95", run);
        assertThat(mesh.reviewsSpec()).isEqualTo(before);
        assertThat(mesh.hasLeases()).isFalse();
        RolloutReport report = run.getAction(MeshRolloutAction.class).getLastReport();
        assertThat(report.getOutcome()).isEqualTo("ROLLED_BACK");
        assertThat(report.isRestored()).isTrue();
        assertThat(report.getChecks()).anySatisfy(check -> assertThat(check.getVerdict()).isEqualTo("FAIL"));

        HtmlPage page = r.createWebClient().getPage(run, "mesh-rollout/");
        assertThat(page.querySelectorAll(".mesh-outcome--rolled-back")).hasSize(1);
        assertThat(page.querySelectorAll(".mesh-verdict--fail")).isNotEmpty();
        assertThat(page.asNormalizedText()).contains("Routes restored yes");
        assertThat(r.createWebClient().getPage(run).asNormalizedText()).contains("Mesh rollout: ROLLED_BACK",
                "routes restored");
    }

    @Test
    public void abortingTheBuildRestoresTheRoute() throws Exception {
        startMesh(SimulatedMesh.HEALTHY);
        Map<String, Object> before = mesh.reviewsSpec();
        WorkflowRun run = job(CANARY.replace("interval: '5s'", "interval: '1m'")).scheduleBuild2(0)
                .waitForStart();
        r.waitForMessage("canary 20%", run);
        assertThat(mesh.primaryWeights()).containsEntry("v1", 80).containsEntry("v2", 20);

        Executor executor = run.getExecutor();
        assertThat(executor).isNotNull();
        executor.interrupt(Result.ABORTED, new CauseOfInterruption.UserInterruption("alice"));
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(run));

        r.assertLogContains("aborted by alice", run);
        r.assertLogContains("meshCanary ended ABORTED", run);
        // the step adds no stack trace of its own to the abort (Jenkins prints the same lines for an aborted sleep)
        r.assertLogNotContains("\tat ", run);
        r.assertLogNotContains("Exception:", run);
        assertThat(mesh.reviewsSpec()).isEqualTo(before);
        assertThat(mesh.hasLeases()).isFalse();
        assertThat(run.getAction(MeshRolloutAction.class).getLastReport().getOutcome()).isEqualTo("ABORTED");
    }

    @Test
    public void aDryRunPrintsTheChangesAndWritesNothing() throws Exception {
        startMesh(SimulatedMesh.HEALTHY);
        Map<String, Object> before = mesh.reviewsSpec();
        WorkflowRun run = r.buildAndAssertSuccess(job("def outcome = " + CANARY + ", dryRun: true\n"
                + "echo \"outcome=${outcome}\""));

        r.assertLogContains("outcome=DRY_RUN", run);
        r.assertLogContains("dry run: nothing written", run);
        r.assertLogContains("traffic pre-flight: the service serves", run);
        r.assertLogContains("at 20% the canary needs about", run);
        assertThat(mesh.reviewsSpec()).isEqualTo(before);
        assertThat(mesh.hasLeases()).isFalse();
    }

    @Test
    public void aMissingRouteFailsWithTheEnginesMessageBeforeAnyWrite() throws Exception {
        startMesh(SimulatedMesh.HEALTHY);
        Map<String, Object> before = mesh.reviewsSpec();
        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE,
                job(CANARY.replace("canary: 'v2'", "canary: 'v7'")));

        r.assertLogContains("the canary 'v7' is no subset or host", run);
        assertThat(mesh.reviewsSpec()).isEqualTo(before);
        assertThat(mesh.hasLeases()).isFalse();
        assertThat(run.getAction(MeshRolloutAction.class)).isNull();
    }

    /** The script: the canary in a stage, its returned outcome echoed, and a line after it (the step did not throw). */
    private static String inStage(String canary) {
        return "stage('canary') {\n  def outcome = " + canary + "\n  echo \"outcome=${outcome}\"\n}\n"
                + "echo 'after the canary'";
    }

    @Test
    public void aServiceWithNoTrafficEndsNotStartedWithThePreFlightsMessageAndNothingWritten() throws Exception {
        startMesh(SimulatedMesh.HEALTHY, 0);
        Map<String, Object> before = mesh.reviewsSpec();
        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job(CANARY));

        r.assertLogContains("meshCanary ended NOT_STARTED", run);
        r.assertLogContains("the pre-flight found that the service had no requests in the last minute", run);
        r.assertLogContains("nothing was written", run);
        r.assertLogContains("a larger first step", run);
        r.assertLogNotContains("canary 20%", run);
        assertThat(mesh.reviewsSpec()).isEqualTo(before);
        assertThat(mesh.hasLeases()).isFalse();
        RolloutReport report = run.getAction(MeshRolloutAction.class).getLastReport();
        assertThat(report.getOutcome()).isEqualTo("NOT_STARTED");
        assertThat(report.getSteps()).as("no weight was ever set").isEmpty();
        assertThat(report.getTimeline()).extracting(RolloutReport.TimelineEntry::getType).contains("PREFLIGHT")
                .doesNotContain("STARTED", "WEIGHT_SET");

        HtmlPage page = r.createWebClient().getPage(run, "mesh-rollout/");
        assertThat(page.querySelectorAll(".mesh-outcome--not-started")).hasSize(1);
        assertThat(page.asNormalizedText()).contains("pre-flight", "no requests in the last minute");
    }

    @Test
    public void thinTrafficEndsInconclusiveAnUnstableBuildWithTheRoutesRestored() throws Exception {
        startMesh(SimulatedMesh.HEALTHY, 100);
        Map<String, Object> before = mesh.reviewsSpec();
        WorkflowRun run = r.buildAndAssertStatus(Result.UNSTABLE, job(inStage(THIN)));

        r.assertLogContains("outcome=INCONCLUSIVE", run);
        r.assertLogContains("after the canary", run);
        r.assertLogContains("meshCanary ended INCONCLUSIVE", run);
        r.assertLogContains("3 analyses in a row could not judge the canary at 20%", run);
        r.assertLogContains("below the 500/s needed to judge", run);
        r.assertLogContains("a larger first step", run);
        r.assertLogContains("marked UNSTABLE", run);
        assertThat(mesh.reviewsSpec()).isEqualTo(before);
        assertThat(mesh.hasLeases()).isFalse();
        assertThat(warnings(run)).as("the step's node is unstable, so its stage shows so")
                .containsExactly(Result.UNSTABLE);
        RolloutReport report = run.getAction(MeshRolloutAction.class).getLastReport();
        assertThat(report.getOutcome()).isEqualTo("INCONCLUSIVE");
        assertThat(report.isRestored()).isTrue();
        assertThat(report.getChecks()).isNotEmpty()
                .allSatisfy(check -> assertThat(check.getVerdict()).isEqualTo("INCONCLUSIVE"));
        assertThat(report.getTimeline()).extracting(RolloutReport.TimelineEntry::getType).startsWith("PREFLIGHT");

        HtmlPage page = r.createWebClient().getPage(run, "mesh-rollout/");
        assertThat(page.querySelectorAll(".mesh-outcome--inconclusive")).hasSize(1);
        assertThat(page.asNormalizedText()).contains("Routes restored yes", "pre-flight",
                "the service serves", "requests its first analysis needs");
        assertThat(r.createWebClient().getPage(run).asNormalizedText()).contains("Mesh rollout: INCONCLUSIVE",
                "too little data to judge the canary, so it was not promoted", "routes restored");
    }

    @Test
    public void onInconclusiveHoldKeepsTheWeightsAndTheSnapshotForARollback() throws Exception {
        startMesh(SimulatedMesh.HEALTHY, 100);
        Map<String, Object> before = mesh.reviewsSpec();
        WorkflowRun run = r.buildAndAssertStatus(Result.UNSTABLE,
                job(inStage(THIN + ", onInconclusive: 'hold'")));

        r.assertLogContains("outcome=INCONCLUSIVE", run);
        r.assertLogContains("the routes are held at 20%", run);
        assertThat(mesh.primaryWeights()).containsEntry("v1", 80).containsEntry("v2", 20);
        assertThat(mesh.hasLeases()).as("the lock keeps the snapshot").isTrue();
        assertThat(warnings(run)).containsExactly(Result.UNSTABLE);
        RolloutReport report = run.getAction(MeshRolloutAction.class).getLastReport();
        assertThat(report.getOutcome()).isEqualTo("INCONCLUSIVE");
        assertThat(report.isRestored()).isFalse();
        assertThat(report.getFinalWeight()).isEqualTo(20);

        r.buildAndAssertSuccess(job("meshRollback cluster: 'sim', virtualService: 'reviews', route: 'primary'"));
        assertThat(mesh.reviewsSpec()).as("the held canary rolls back to the snapshot").isEqualTo(before);
        assertThat(mesh.hasLeases()).isFalse();
    }

    /** The results of the WarningActions on the run's flow nodes. */
    private static List<Result> warnings(WorkflowRun run) {
        return new DepthFirstScanner().allNodes(run.getExecution()).stream()
                .map(node -> node.getPersistentAction(WarningAction.class)).filter(w -> w != null)
                .map(WarningAction::getResult).toList();
    }
}
