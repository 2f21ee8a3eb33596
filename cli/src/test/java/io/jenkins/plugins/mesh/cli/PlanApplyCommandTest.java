package io.jenkins.plugins.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.mesh.engine.apply.ApplyDriver;
import io.jenkins.plugins.mesh.engine.apply.ApplyOptions;
import io.jenkins.plugins.mesh.engine.apply.ApplyPhase;
import io.jenkins.plugins.mesh.engine.apply.ApplyState;
import io.jenkins.plugins.mesh.engine.apply.ConfigApply;
import io.jenkins.plugins.mesh.engine.apply.GateRecord;
import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import io.jenkins.plugins.mesh.engine.config.YamlConfigLoader;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import io.jenkins.plugins.mesh.engine.validate.Validator;
import io.jenkins.plugins.mesh.simulator.MeshResources;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code mesh plan}, {@code mesh apply} and {@code mesh rollback --apply} against the simulator's API server. */
public class PlanApplyCommandTest {

    private static final String MESH = """
            apiVersion: networking.istio.io/v1beta1
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
              trafficPolicy: {connectionPool: {tcp: {maxConnections: %d}}}
            """;
    private static final ResourceDefinitionContext VS = MeshResources.virtualService("v1");

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private SimulatedCluster cluster;
    private Path file;

    @Before
    public void start() throws Exception {
        cluster = SimulatedCluster.start();
        file = folder.newFile("mesh.yaml").toPath();
        write("5s", 100);
    }

    @After
    public void stop() {
        cluster.close();
    }

    @Test
    public void planShowsCreatesThenApplyWritesThemAndAPlanAfterIsUnchanged() throws Exception {
        CliRun plan = mesh("plan", file.toString(), "-n", "bookinfo", "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(4);
        assertThat(plan.out()).contains("# VirtualService bookinfo/ratings will be created (" + file + ":1)",
                "+ spec.http[0].timeout: 5s", "Plan: 2 to create, 0 to update, 0 to delete");

        CliRun apply = mesh("apply", file.toString(), "-n", "bookinfo", "--holder", "ci@test");
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.out()).contains("APPLIED", "create VirtualService bookinfo/ratings",
                "verified  VirtualService bookinfo/ratings".replace("verified  ", "verified  "));
        GenericKubernetesResource vs = cluster.get(VS, "bookinfo", "ratings");
        assertThat(vs.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "mesh-pipeline");
        assertThat(vs.getMetadata().getAnnotations()).containsKey("mesh.jenkins.io/last-applied");
        assertThat(cluster.client().leases().inNamespace("bookinfo").list().getItems())
                .noneMatch(l -> l.getMetadata().getName().startsWith("mesh-apply-"));
        assertThat(cluster.client().v1().events().inNamespace("bookinfo").list().getItems())
                .anyMatch(e -> "MeshApply".equals(e.getReason()) && e.getMessage().contains("ci@test"));

        CliRun again = mesh("plan", file.toString(), "-n", "bookinfo", "--detailed-exitcode");
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("No changes. The cluster matches the files (2 objects).");
    }

    @Test
    public void aFileChangeIsAFieldDiffAndJsonHasTheDocumentedShape() throws Exception {
        assertThat(mesh("apply", file.toString(), "-n", "bookinfo").exitCode()).isZero();
        write("2s", 100);

        CliRun text = mesh("plan", file.toString(), "-n", "bookinfo");
        CliRun json = mesh("plan", file.toString(), "-n", "bookinfo", "--format", "json");

        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("~ spec.http[0].timeout: 5s -> 2s", "1 to update", "1 unchanged");
        @SuppressWarnings("unchecked")
        Map<String, Object> plan = new ObjectMapper().readValue(json.out(), Map.class);
        assertThat(plan).containsOnlyKeys("changes", "summary");
        assertThat(plan.get("summary")).isEqualTo(Map.of("create", 0, "update", 1, "delete", 0, "unchanged", 1,
                "drift", 0, "conflict", 0));
        assertThat(json.out()).contains("\"path\" : \"spec.http[0].timeout\"", "\"before\" : \"5s\"",
                "\"after\" : \"2s\"");
    }

    @Test
    public void aThirdPartyEditIsDriftThenAConflictAndApplyRefusesWritingNothing() throws Exception {
        assertThat(mesh("apply", file.toString(), "-n", "bookinfo").exitCode()).isZero();
        GenericKubernetesResource edited = cluster.get(VS, "bookinfo", "ratings");
        timeout(edited, "9s");
        cluster.client().genericKubernetesResources(VS).inNamespace("bookinfo").resource(edited).update();

        CliRun drift = mesh("plan", file.toString(), "-n", "bookinfo", "--detailed-exitcode");
        write("2s", 100);
        CliRun conflict = mesh("plan", file.toString(), "-n", "bookinfo");
        CliRun refused = mesh("apply", file.toString(), "-n", "bookinfo");

        assertThat(drift.exitCode()).isEqualTo(4);
        assertThat(drift.out()).contains("has drifted", "~ spec.http[0].timeout: 9s -> 5s");
        assertThat(conflict.exitCode()).isEqualTo(1);
        assertThat(conflict.out()).contains("is in conflict", "changed in the files and in the cluster");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("in conflict; nothing was written");
        assertThat(timeoutOf(cluster.get(VS, "bookinfo", "ratings"))).isEqualTo("9s");
    }

    @Test
    public void validationErrorsStopThePlanWithNothingRead() throws Exception {
        Files.writeString(file, MESH.formatted("5s", 100).replace("timeout: 5s", "timeout: soon"));

        CliRun plan = mesh("plan", file.toString(), "-n", "bookinfo");

        assertThat(plan.exitCode()).isEqualTo(2);
        assertThat(plan.err()).contains("validation error(s) in the files; nothing was compared or written");
    }

    @Test
    public void anUnreachableClusterIsExitTwoWithNothingWritten() throws Exception {
        Path token = folder.newFile("token").toPath();
        Files.writeString(token, "t0ken");
        cluster.close();

        CliRun plan = CliRun.of("plan", file.toString(), "-n", "bookinfo", "--server", cluster.url(),
                "--token-file", token.toString());

        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isEqualTo(2);
        assertThat(plan.err()).startsWith("error: cannot list").doesNotContain("t0ken").doesNotContain("\tat ");
        cluster = SimulatedCluster.start();
    }

    @Test
    public void rollbackApplyRevertsAnApplyThatStoppedWhileWatching() throws Exception {
        assertThat(mesh("apply", file.toString(), "-n", "bookinfo").exitCode()).isZero();
        write("2s", 7);
        ConfigApply config = new ConfigApply(cluster.client(), Clock.systemUTC(), TrafficSettings.defaults());
        var plan = config.planner(Validator.standard()).plan(new YamlConfigLoader("bookinfo").load(List.of(file)),
                false).plan();
        ApplyState start = ApplyState.start(plan, "build-9", null, ApplyOptions.DEFAULT.withChecks(
                List.of("success-rate>=99")), Clock.systemUTC().instant());
        ApplyDriver.Progress watching = config.driver((s, c, at) -> new GateRecord(at, Verdict.PASS, "ok"), null,
                null).advance(start);
        assertThat(watching.state().phase()).isEqualTo(ApplyPhase.WATCHING);
        assertThat(timeoutOf(cluster.get(VS, "bookinfo", "ratings"))).isEqualTo("2s");

        CliRun dry = mesh("rollback", "--apply", "bookinfo", "--dry-run");
        CliRun rollback = mesh("rollback", "--apply", "bookinfo");
        CliRun nothing = mesh("rollback", "--apply", "bookinfo");

        assertThat(dry.out()).contains("would revert VirtualService bookinfo/ratings (update by build-9");
        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isZero();
        assertThat(rollback.out()).contains("reverted VirtualService bookinfo/ratings; verified",
                "reverted DestinationRule bookinfo/ratings; verified");
        assertThat(timeoutOf(cluster.get(VS, "bookinfo", "ratings"))).isEqualTo("5s");
        assertThat(nothing.out()).contains("nothing to revert");
        write("5s", 100);
        assertThat(mesh("plan", file.toString(), "-n", "bookinfo", "--detailed-exitcode").exitCode()).isZero();
    }

    private CliRun mesh(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--kubeconfig";
        all[args.length + 1] = cluster.kubeconfig().toString();
        return CliRun.of(all);
    }

    private void write(String timeout, int connections) throws Exception {
        Files.writeString(file, MESH.formatted(timeout, connections));
    }

    @SuppressWarnings("unchecked")
    private static void timeout(GenericKubernetesResource vs, String timeout) {
        Map<String, Object> spec = (Map<String, Object>) vs.getAdditionalProperties().get("spec");
        ((List<Map<String, Object>>) spec.get("http")).get(0).put("timeout", timeout);
    }

    @SuppressWarnings("unchecked")
    private static String timeoutOf(GenericKubernetesResource vs) {
        Map<String, Object> spec = (Map<String, Object>) vs.getAdditionalProperties().get("spec");
        return (String) ((List<Map<String, Object>>) spec.get("http")).get(0).get("timeout");
    }
}
