package io.jenkins.plugins.mesh.plugin.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.mesh.engine.apply.ApplyDriver;
import io.jenkins.plugins.mesh.engine.apply.ApplyOptions;
import io.jenkins.plugins.mesh.engine.apply.ApplyPhase;
import io.jenkins.plugins.mesh.engine.apply.ApplyState;
import io.jenkins.plugins.mesh.engine.apply.ConfigApply;
import io.jenkins.plugins.mesh.engine.apply.HealthGate;
import io.jenkins.plugins.mesh.engine.config.YamlConfigLoader;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import io.jenkins.plugins.mesh.engine.validate.Validator;
import io.jenkins.plugins.mesh.plugin.report.ConfigReport;
import io.jenkins.plugins.mesh.plugin.report.MeshConfigAction;
import io.jenkins.plugins.mesh.simulator.MeshResources;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * meshPlan and meshApply (without checks) in a real Pipeline against the simulator's API server: the files come from
 * the workspace, the plan and the writes go through the API server, and the build page shows them.
 */
public class MeshConfigPipelineTest {

    /** A VirtualService and a DestinationRule for the seeded Service {@code bookinfo/ratings}. */
    static final String RATINGS = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: ratings
            spec:
              hosts: [ratings]
              http:
              - name: main
                timeout: %s
                route:
                - destination: {host: ratings}
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata:
              name: ratings
            spec:
              host: ratings
              trafficPolicy: {connectionPool: {tcp: {maxConnections: 100}}}
            """;
    private static final ResourceDefinitionContext VS = MeshResources.virtualService("v1");

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private SimulatedCluster cluster;
    private WorkflowJob job;

    @Before
    public void start() throws Exception {
        cluster = SimulatedCluster.start();
        SimulatedMesh.configureCluster(cluster);
        job = r.createProject(WorkflowJob.class, "mesh-config");
    }

    @After
    public void stop() {
        cluster.close();
    }

    /** A build that writes {@code yaml} to istio/ratings.yaml in the workspace, then runs {@code steps}. */
    private WorkflowRun build(Result expected, String yaml, String steps) throws Exception {
        job.setDefinition(new CpsFlowDefinition("node {\n  writeFile file: 'istio/ratings.yaml', text: '''"
                + yaml + "'''\n" + steps + "\n}", true));
        return r.buildAndAssertStatus(expected, job);
    }

    private GenericKubernetesResource ratings() {
        return cluster.get(VS, SimulatedCluster.NAMESPACE, "ratings");
    }

    private boolean hasApplyLeases() {
        return cluster.client().leases().inNamespace(SimulatedCluster.NAMESPACE).list().getItems().stream()
                .anyMatch(l -> l.getMetadata().getName().startsWith("mesh-apply-"));
    }

    @Test
    public void aPlanPrintsTheChangesReturnsTheMapAndShowsATableWritingNothing() throws Exception {
        WorkflowRun run = build(Result.SUCCESS, RATINGS.formatted("5s"), """
                  def plan = meshPlan files: 'istio/*.yaml', cluster: 'sim'
                  echo "creates=${plan.summary.create} updates=${plan.summary.update}"
                  echo "actions=${plan.changes.collect { it.action + ' ' + it.kind + ' ' + it.file + ':' + it.line }}"
                  writeFile file: 'mesh-plan.txt', text: plan.text
                """);

        r.assertLogContains("# VirtualService bookinfo/ratings will be created (istio/ratings.yaml:1)", run);
        r.assertLogContains("+ spec.http[0].timeout: 5s", run);
        r.assertLogContains("creates=2 updates=0", run);
        r.assertLogContains("actions=[create VirtualService istio/ratings.yaml:1, "
                + "create DestinationRule istio/ratings.yaml:13]", run);
        assertThat(r.jenkins.getWorkspaceFor(job).child("mesh-plan.txt").readToString())
                .contains("Plan: 2 to create, 0 to update, 0 to delete");
        assertThat(ratings()).isNull();
        assertThat(hasApplyLeases()).isFalse();

        ConfigReport report = run.getAction(MeshConfigAction.class).getLastReport();
        assertThat(report.getOutcome()).isEqualTo("PLANNED");
        assertThat(report.getChanges()).extracting(ConfigReport.Change::getObject)
                .containsExactly("VirtualService bookinfo/ratings", "DestinationRule bookinfo/ratings");
        HtmlPage page = r.createWebClient().getPage(run, "mesh-config/");
        assertThat(page.querySelectorAll("table.mesh-plan tbody tr")).hasSize(2);
        assertThat(page.querySelectorAll(".mesh-action--create")).hasSize(2);
        assertThat(page.asNormalizedText()).contains("+ spec.http[0].timeout: 5s",
                "2 to create, 0 to update, 0 to delete, 0 unchanged, 0 drifted, 0 in conflict");
        assertThat(r.createWebClient().getPage(run).asNormalizedText()).contains("Mesh config: PLANNED",
                "meshPlan \u00b7 2 to create");
    }

    @Test
    public void invalidFilesFailTheApplyWithTheErrorsAndNothingWritten() throws Exception {
        String invalid = RATINGS.formatted("5s").replace("  hosts: [ratings]\n", "");
        WorkflowRun run = build(Result.FAILURE, invalid, "meshApply files: 'istio/*.yaml', cluster: 'sim'");

        r.assertLogContains("error IST0106 VirtualService bookinfo/ratings: spec.hosts is empty", run);
        r.assertLogContains("validation error(s) in the files (above); nothing was compared or written", run);
        assertThat(ratings()).isNull();
        assertThat(hasApplyLeases()).isFalse();
    }

    @Test
    public void anApplyWritesTheObjectsLiveAndAPlanAfterItHasNoChanges() throws Exception {
        WorkflowRun run = build(Result.SUCCESS, RATINGS.formatted("5s"), """
                  def outcome = meshApply files: 'istio/*.yaml', cluster: 'sim'
                  echo "outcome=${outcome}"
                """);

        r.assertLogContains("outcome=APPLIED", run);
        r.assertLogContains("create VirtualService bookinfo/ratings", run);
        r.assertLogContains("meshApply ended APPLIED: every change written and verified", run);
        GenericKubernetesResource vs = ratings();
        assertThat(vs).isNotNull();
        assertThat(timeoutOf(vs)).isEqualTo("5s");
        assertThat(vs.getMetadata().getAnnotations()).containsKey("mesh.jenkins.io/last-applied");
        assertThat(hasApplyLeases()).isFalse();
        ConfigReport report = run.getAction(MeshConfigAction.class).getLastReport();
        assertThat(report.getOutcome()).isEqualTo("APPLIED");
        assertThat(report.getItems()).extracting(ConfigReport.Item::getStatus).containsOnly("verified");
        HtmlPage page = r.createWebClient().getPage(run, "mesh-config/");
        assertThat(page.querySelectorAll(".mesh-outcome--applied")).hasSize(1);
        assertThat(page.asNormalizedText()).contains("Applied and reverted", "VirtualService bookinfo/ratings",
                "verified");

        WorkflowRun again = build(Result.SUCCESS, RATINGS.formatted("5s"),
                "echo \"changes=${meshPlan(files: 'istio/*.yaml', cluster: 'sim').summary.unchanged}\"");
        r.assertLogContains("No changes. The cluster matches the files (2 objects).", again);
        r.assertLogContains("changes=2", again);
    }

    @Test
    public void aHandEditIsDriftThenAConflictThatFailsPlanAndApplyWritingNothing() throws Exception {
        build(Result.SUCCESS, RATINGS.formatted("5s"), "meshApply files: 'istio/*.yaml', cluster: 'sim'");
        GenericKubernetesResource edited = ratings();
        timeout(edited, "9s");
        cluster.client().genericKubernetesResources(VS).inNamespace(SimulatedCluster.NAMESPACE).resource(edited)
                .update();

        WorkflowRun drift = build(Result.SUCCESS, RATINGS.formatted("5s"),
                "meshPlan files: 'istio/*.yaml', cluster: 'sim'");
        r.assertLogContains("has drifted", drift);
        WorkflowRun failOnDrift = build(Result.FAILURE, RATINGS.formatted("5s"),
                "meshPlan files: 'istio/*.yaml', cluster: 'sim', failOnDrift: true");
        r.assertLogContains("1 object(s) changed by hand in the cluster, e.g. VirtualService bookinfo/ratings",
                failOnDrift);

        WorkflowRun conflict = build(Result.FAILURE, RATINGS.formatted("2s"),
                "meshPlan files: 'istio/*.yaml', cluster: 'sim'");
        r.assertLogContains("meshPlan: 1 object(s) in conflict, e.g. VirtualService bookinfo/ratings", conflict);
        WorkflowRun refused = build(Result.FAILURE, RATINGS.formatted("2s"),
                "meshApply files: 'istio/*.yaml', cluster: 'sim'");
        r.assertLogContains("meshApply: 1 object(s) in conflict", refused);
        r.assertLogContains("Nothing was written", refused);
        assertThat(timeoutOf(ratings())).isEqualTo("9s");
        assertThat(hasApplyLeases()).isFalse();
        assertThat(refused.getAction(MeshConfigAction.class).getLastReport().getOutcome()).isEqualTo("NOT_STARTED");
    }

    @Test
    public void meshRollbackWithApplyRevertsWhatThisBuildsApplyLeftAndNoOtherApply() throws Exception {
        // two applies stopped in the middle of their watch (their controller died): this build's and another's
        ApplyDriver.Progress ours = startWatchedApply(RATINGS.formatted("5s"),
                job.getFullName() + "#" + job.getNextBuildNumber());
        ApplyDriver.Progress theirs = startWatchedApply(RATINGS.formatted("5s").replace("ratings", "productpage"),
                "other-job#7");
        assertThat(ours.state().phase()).isEqualTo(ApplyPhase.WATCHING);
        assertThat(theirs.state().phase()).isEqualTo(ApplyPhase.WATCHING);
        assertThat(ratings()).isNotNull();

        WorkflowRun run = build(Result.SUCCESS, RATINGS.formatted("5s"),
                "echo \"rollback=${meshRollback cluster: 'sim', apply: true}\"");

        r.assertLogContains("reverted VirtualService bookinfo/ratings", run);
        r.assertLogContains("reverted DestinationRule bookinfo/ratings", run);
        r.assertLogContains("rollback=reverted the 2 object(s) this build's meshApply left in bookinfo", run);
        assertThat(ratings()).isNull();
        assertThat(cluster.get(VS, SimulatedCluster.NAMESPACE, "productpage")).isNotNull();
        assertThat(cluster.client().leases().inNamespace(SimulatedCluster.NAMESPACE).list().getItems())
                .extracting(l -> l.getSpec().getHolderIdentity()).containsOnly("other-job#7");

        WorkflowRun again = build(Result.SUCCESS, RATINGS.formatted("5s"), "meshRollback cluster: 'sim', apply: true");
        r.assertLogContains("no mesh apply Lease of this build in bookinfo: nothing to revert", again);
    }

    /** An apply of {@code yaml} by {@code holder}, run by the engine until it waits for its first analysis. */
    private ApplyDriver.Progress startWatchedApply(String yaml, String holder) {
        ConfigApply config = new ConfigApply(cluster.client(), Clock.systemUTC(), TrafficSettings.defaults());
        var plan = config.planner(Validator.standard()).plan(new YamlConfigLoader(SimulatedCluster.NAMESPACE)
                .readAll(Map.of("mesh.yaml", yaml)), false).plan();
        ApplyOptions watched = new ApplyOptions(List.of("success-rate>=99"), Duration.ofMinutes(5),
                Duration.ofMinutes(1), Duration.ofMinutes(10));
        return config.driver(HealthGate.NONE, null, null).advance(ApplyState.start(plan, holder, null, watched,
                Instant.now()));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> http(GenericKubernetesResource vs) {
        return (List<Map<String, Object>>) ((Map<String, Object>) vs.getAdditionalProperties().get("spec"))
                .get("http");
    }

    private static void timeout(GenericKubernetesResource vs, String value) {
        http(vs).get(0).put("timeout", value);
    }

    private static Object timeoutOf(GenericKubernetesResource vs) {
        return http(vs).get(0).get("timeout");
    }
}
