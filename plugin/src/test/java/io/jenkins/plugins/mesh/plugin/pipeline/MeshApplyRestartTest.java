package io.jenkins.plugins.mesh.plugin.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.plugin.report.MeshConfigAction;
import io.jenkins.plugins.mesh.testkit.PrometheusAssumptions;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsSessionRule;

/**
 * A controller restart in the middle of an apply's watch: the step persisted only its parameters, the plan and the
 * engine's state as JSON; the resumed build still holds the objects' Leases (same build, same holder), goes on
 * watching and ends applied.
 */
public class MeshApplyRestartTest {

    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    @Test
    public void aRestartedControllerResumesTheWatchAndTheApplyEndsApplied() throws Throwable {
        PrometheusAssumptions.assumePrometheusAvailable();
        try (SimulatedMesh mesh = SimulatedMesh.start(SimulatedMesh.HEALTHY)) {
            sessions.then(r -> {
                mesh.configure();
                WorkflowJob job = r.createProject(WorkflowJob.class, "apply");
                job.setDefinition(new CpsFlowDefinition(MeshApplyPipelineTest.script(50, 50,
                        "watch: '20s', interval: '5s'"), true));
                WorkflowRun run = job.scheduleBuild2(0).waitForStart();
                r.waitForMessage("verified 1 object(s)", run);
                assertThat(mesh.primaryWeights()).containsEntry("v1", 50).containsEntry("v2", 50);
                assertThat(mesh.hasLeases()).isTrue();
            });
            sessions.then(r -> {
                WorkflowRun run = r.jenkins.getItemByFullName("apply", WorkflowJob.class).getBuildByNumber(1);
                r.assertBuildStatusSuccess(r.waitForCompletion(run));
                r.assertLogContains("Resuming build", run);
                r.assertLogContains("outcome=APPLIED", run);
                assertThat(mesh.primaryWeights()).containsEntry("v1", 50).containsEntry("v2", 50);
                assertThat(mesh.hasLeases()).isFalse();
                assertThat(run.getAction(MeshConfigAction.class).getLastReport().getAnalyses())
                        .isNotEmpty().allSatisfy(a -> assertThat(a.getVerdict()).isEqualTo("PASS"));
            });
        }
    }
}
