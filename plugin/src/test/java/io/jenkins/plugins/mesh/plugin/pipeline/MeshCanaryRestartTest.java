package io.jenkins.plugins.mesh.plugin.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.plugin.report.MeshRolloutAction;
import io.jenkins.plugins.mesh.testkit.PrometheusAssumptions;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsSessionRule;

/**
 * A controller restart in the middle of a canary: the step persisted only the engine's request and state as JSON, the
 * resumed build prepares the rollout again, still holds the route's lock (same build, same holder) and goes on.
 */
public class MeshCanaryRestartTest {

    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    @Test
    public void aRestartedControllerResumesTheCanaryWhereItStopped() throws Throwable {
        PrometheusAssumptions.assumePrometheusAvailable();
        try (SimulatedMesh mesh = SimulatedMesh.start(SimulatedMesh.HEALTHY)) {
            sessions.then(r -> {
                mesh.configure();
                WorkflowJob job = r.createProject(WorkflowJob.class, "canary");
                job.setDefinition(new CpsFlowDefinition("def outcome = "
                        + MeshCanaryPipelineTest.CANARY.replace("interval: '5s'", "interval: '10s'")
                        + "\necho \"outcome=${outcome}\"", true));
                WorkflowRun run = job.scheduleBuild2(0).waitForStart();
                r.waitForMessage("canary 20%", run);
                assertThat(mesh.primaryWeights()).containsEntry("v2", 20);
                assertThat(mesh.hasLeases()).isTrue();
            });
            sessions.then(r -> {
                WorkflowJob job = r.jenkins.getItemByFullName("canary", WorkflowJob.class);
                WorkflowRun run = job.getBuildByNumber(1);
                r.assertBuildStatusSuccess(r.waitForCompletion(run));
                r.assertLogContains("Resuming build", run);
                r.assertLogContains("canary 50%", run);
                r.assertLogContains("outcome=PROMOTED", run);
                assertThat(mesh.primaryWeights()).containsEntry("v1", 0).containsEntry("v2", 100);
                assertThat(mesh.hasLeases()).isFalse();
                assertThat(run.getAction(MeshRolloutAction.class).getLastReport().getOutcome())
                        .isEqualTo("PROMOTED");
            });
        }
    }
}
