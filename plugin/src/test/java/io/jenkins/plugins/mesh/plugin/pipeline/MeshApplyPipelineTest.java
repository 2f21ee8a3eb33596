package io.jenkins.plugins.mesh.plugin.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Executor;
import hudson.model.Result;
import io.jenkins.plugins.mesh.plugin.report.ConfigReport;
import io.jenkins.plugins.mesh.plugin.report.MeshConfigAction;
import io.jenkins.plugins.mesh.simulator.VersionBehaviour;
import io.jenkins.plugins.mesh.testkit.PrometheusAssumptions;
import java.util.Map;
import jenkins.model.CauseOfInterruption;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * meshApply watched by health checks in a real Pipeline against the simulated mesh: the change moves the traffic of
 * {@code reviews} (the traffic model follows the live weights), a real Prometheus scrapes it, and a failed check or
 * an abort puts the VirtualService back exactly as it was.
 */
public class MeshApplyPipelineTest {

    /** VirtualService {@code bookinfo/reviews} as seeded, with route {@code primary} at v1={@code %d}/v2={@code %d}. */
    static final String REVIEWS = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: reviews
              namespace: bookinfo
            spec:
              hosts: [reviews]
              http:
              - name: tester
                match:
                - headers:
                    end-user: {exact: jason}
                route:
                - destination: {host: reviews, subset: v2}
              - name: primary
                route:
                - destination: {host: reviews, subset: v1}
                  weight: %d
                - destination: {host: reviews, subset: v2}
                  weight: %d
            """;

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private SimulatedMesh mesh;

    @After
    public void stopMesh() {
        if (mesh != null) {
            mesh.close();
        }
    }

    private void startMesh(VersionBehaviour v2) throws Exception {
        PrometheusAssumptions.assumePrometheusAvailable();
        mesh = SimulatedMesh.start(v2);
        mesh.configure();
    }

    /** A Pipeline that writes the reviews VirtualService with weights v1/v2 and applies it with {@code options}. */
    static String script(int v1, int v2, String options) {
        return "node {\n  writeFile file: 'istio/reviews.yaml', text: '''" + REVIEWS.formatted(v1, v2) + "'''\n"
                + "  def outcome = meshApply files: 'istio/*.yaml', cluster: 'sim', metrics: 'prom', "
                + "checks: [[metric: 'successRate', min: 95]], " + options + "\n"
                + "  echo \"outcome=${outcome}\"\n}";
    }

    private WorkflowJob job(String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    @Test
    public void aFailingCheckRevertsTheVirtualServiceExactly() throws Exception {
        startMesh(SimulatedMesh.FAILING);
        Map<String, Object> before = mesh.reviewsSpec();
        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE,
                job(script(0, 100, "watch: '30s', interval: '5s'")));

        r.assertLogContains("~ VirtualService bookinfo/reviews", run);
        r.assertLogContains("meshApply ended REVERTED", run);
        r.assertLogContains("success-rate>=95", run);
        assertThat(mesh.reviewsSpec()).isEqualTo(before);
        assertThat(mesh.primaryWeights()).containsEntry("v1", 100).containsEntry("v2", 0);
        assertThat(mesh.hasLeases()).isFalse();
        ConfigReport report = run.getAction(MeshConfigAction.class).getLastReport();
        assertThat(report.getOutcome()).isEqualTo("REVERTED");
        assertThat(report.getItems()).extracting(ConfigReport.Item::getStatus).containsExactly("reverted");
        assertThat(report.getAnalyses()).anySatisfy(a -> assertThat(a.getVerdict()).isEqualTo("FAIL"));

        HtmlPage page = r.createWebClient().getPage(run, "mesh-config/");
        assertThat(page.querySelectorAll(".mesh-outcome--reverted")).hasSize(1);
        assertThat(page.querySelectorAll(".mesh-verdict--fail")).isNotEmpty();
        assertThat(page.asNormalizedText()).contains("Health analyses", "reverted");
    }

    @Test
    public void abortingTheBuildDuringTheWatchRevertsTheVirtualService() throws Exception {
        startMesh(SimulatedMesh.HEALTHY);
        Map<String, Object> before = mesh.reviewsSpec();
        WorkflowRun run = job(script(50, 50, "watch: '5m', interval: '1m'")).scheduleBuild2(0).waitForStart();
        r.waitForMessage("verified 1 object(s)", run);
        assertThat(mesh.primaryWeights()).containsEntry("v1", 50).containsEntry("v2", 50);
        assertThat(mesh.hasLeases()).isTrue();

        Executor executor = run.getExecutor();
        assertThat(executor).isNotNull();
        executor.interrupt(Result.ABORTED, new CauseOfInterruption.UserInterruption("alice"));
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(run));

        r.assertLogContains("alice", run);
        r.assertLogContains("meshApply ended REVERTED", run);
        r.assertLogNotContains("\tat ", run);
        assertThat(mesh.reviewsSpec()).isEqualTo(before);
        assertThat(mesh.hasLeases()).isFalse();
        assertThat(run.getAction(MeshConfigAction.class).getLastReport().getItems())
                .extracting(ConfigReport.Item::getStatus).containsExactly("reverted");
    }
}
