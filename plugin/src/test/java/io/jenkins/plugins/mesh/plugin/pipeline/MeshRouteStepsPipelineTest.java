package io.jenkins.plugins.mesh.plugin.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.mesh.testkit.PrometheusAssumptions;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/** meshTraffic, meshRollback and meshValidate in real Pipelines against the simulated mesh. */
public class MeshRouteStepsPipelineTest {

    private static final String TARGET = "cluster: 'sim', virtualService: 'reviews', route: 'primary'";

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private SimulatedMesh mesh;

    @Before
    public void startMesh() throws Exception {
        PrometheusAssumptions.assumePrometheusAvailable();
        mesh = SimulatedMesh.start(SimulatedMesh.HEALTHY);
        mesh.configure();
    }

    @After
    public void stopMesh() {
        if (mesh != null) {
            mesh.close();
        }
    }

    private WorkflowRun run(Result expected, String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return r.buildAndAssertStatus(expected, job);
    }

    @Test
    public void meshRollbackInPostRestoresWhatMeshTrafficChanged() throws Exception {
        Map<String, Object> before = mesh.reviewsSpec();
        WorkflowRun run = run(Result.FAILURE, """
                pipeline {
                  agent none
                  stages {
                    stage('shift') {
                      steps {
                        meshTraffic %1$s, stable: 'v1', canary: 'v2', weight: 30
                        error 'the new version broke something'
                      }
                    }
                  }
                  post {
                    failure {
                      script {
                        echo "rollback: ${meshRollback(%1$s)}"
                      }
                    }
                  }
                }
                """.formatted(TARGET));

        r.assertLogContains("reviews:v1=100, reviews:v2=0 -> reviews:v1=70, reviews:v2=30", run);
        r.assertLogContains("rollback: restored VirtualService bookinfo/reviews, route primary", run);
        assertThat(mesh.reviewsSpec()).isEqualTo(before);
        assertThat(mesh.hasLeases()).isFalse();
    }

    @Test
    public void meshRollbackWithNothingToRestoreSucceedsAndSaysSo() throws Exception {
        WorkflowRun run = run(Result.SUCCESS, "meshRollback " + TARGET);
        r.assertLogContains("no Mesh Pipeline lease on VirtualService bookinfo/reviews: nothing to restore", run);
    }

    @Test
    public void meshTrafficAtHundredPromotesAndReleasesTheLock() throws Exception {
        run(Result.SUCCESS, "meshTraffic " + TARGET + ", stable: 'v1', canary: 'v2', weight: 100");
        assertThat(mesh.primaryWeights()).containsEntry("v1", 0).containsEntry("v2", 100);
        assertThat(mesh.hasLeases()).isFalse();
    }

    @Test
    public void meshValidateFailsOnErrorsAndPointsAtTheFile() throws Exception {
        WorkflowRun run = run(Result.FAILURE, """
                node {
                  writeFile file: 'istio/reviews.yaml', text: '''\
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews, namespace: bookinfo}
                spec:
                  hosts: [reviews]
                  http:
                  - route:
                    - destination: {host: reviews, subset: v9}
                '''
                  meshValidate files: 'istio/*.yaml', cluster: 'sim'
                }
                """);
        r.assertLogContains("istio/reviews.yaml:8: error IST0101", run);
        r.assertLogContains("meshValidate found problems at or above failOn: error", run);
    }

    @Test
    public void meshValidateReturnsTheFindingsAsMaps() throws Exception {
        WorkflowRun run = run(Result.SUCCESS, """
                node {
                  writeFile file: 'istio/reviews.yaml', text: '''\
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews, namespace: bookinfo}
                spec:
                  hosts: [reviews]
                  http:
                  - route:
                    - destination: {host: reviews, subset: v9}
                '''
                  def findings = meshValidate files: 'istio/*.yaml', cluster: 'sim', failOn: 'never'
                  echo "found ${findings.size()}: ${findings[0].code} ${findings[0].severity} ${findings[0].file}:${findings[0].line}"
                }
                """);
        r.assertLogContains("error IST0101", run);
        r.assertLogContains(": IST0101 error istio/reviews.yaml:8", run);
        r.assertLogNotContains("found 0", run);
    }
}
