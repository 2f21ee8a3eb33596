package io.jenkins.plugins.mesh.simulator.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.mesh.engine.apply.ApplyDriver;
import io.jenkins.plugins.mesh.engine.apply.ApplyOptions;
import io.jenkins.plugins.mesh.engine.apply.ApplyOutcome;
import io.jenkins.plugins.mesh.engine.apply.ApplyPhase;
import io.jenkins.plugins.mesh.engine.apply.ApplyPlan;
import io.jenkins.plugins.mesh.engine.apply.ApplyRollback;
import io.jenkins.plugins.mesh.engine.apply.ApplyState;
import io.jenkins.plugins.mesh.engine.apply.ApplyStateJson;
import io.jenkins.plugins.mesh.engine.apply.BeforeAfterHealthGate;
import io.jenkins.plugins.mesh.engine.apply.ConfigApply;
import io.jenkins.plugins.mesh.engine.apply.HealthGate;
import io.jenkins.plugins.mesh.engine.apply.ItemStatus;
import io.jenkins.plugins.mesh.engine.apply.PlanAction;
import io.jenkins.plugins.mesh.engine.apply.PlannedChange;
import io.jenkins.plugins.mesh.engine.analysis.HealthAnalysis;
import io.jenkins.plugins.mesh.engine.config.YamlConfigLoader;
import io.jenkins.plugins.mesh.engine.traffic.Holder;
import io.jenkins.plugins.mesh.engine.traffic.RouteTarget;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficException;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import io.jenkins.plugins.mesh.engine.validate.Validator;
import io.jenkins.plugins.mesh.simulator.LatencyDistribution;
import io.jenkins.plugins.mesh.simulator.MeshResources;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import io.jenkins.plugins.mesh.simulator.SimulatedObserver;
import io.jenkins.plugins.mesh.simulator.SimulationClock;
import io.jenkins.plugins.mesh.simulator.TrafficModel;
import io.jenkins.plugins.mesh.simulator.VersionBehaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * mesh apply against the simulated mesh: the writes go through the real HTTP API server, the traffic follows the
 * live routing, the health gate reads the simulated Istio metrics, in simulated time.
 */
public class ConfigApplySimulationTest {

    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final LatencyDistribution LATENCY = LatencyDistribution.of(20, 120);
    private static final String REVIEWS = """
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
                    end-user: {exact: %s}
                route:
                - destination: {host: reviews, subset: v2}
              - name: primary
                route:
                - destination: {host: reviews, subset: v1}
                  weight: %d
                - destination: {host: reviews, subset: v2}
                  weight: %d
            """;

    private SimulatedCluster cluster;
    private SimulationClock clock;
    private ConfigApply config;

    @Before
    public void startCluster() {
        cluster = SimulatedCluster.start();
        clock = SimulationClock.at(START);
        config = new ConfigApply(cluster.client(), clock, TrafficSettings.defaults());
    }

    @After
    public void stopCluster() {
        cluster.close();
    }

    @Test
    public void aChangeThatHurtsIsRevertedExactlyByTheHealthGate() {
        Map<String, Object> before = content(cluster.reviewsVirtualService());
        TrafficModel model = traffic(VersionBehaviour.of(0.20, LATENCY));
        ApplyState end = applyWatched(model, REVIEWS.formatted("jason", 0, 100));

        assertThat(end.outcome()).as(end.reason()).isEqualTo(ApplyOutcome.REVERTED);
        assertThat(end.reason()).startsWith("health check failed: bookinfo/reviews FAIL");
        assertThat(end.items()).extracting(i -> i.status()).containsExactly(ItemStatus.REVERTED);
        assertThat(content(cluster.reviewsVirtualService())).isEqualTo(before);
        assertThat(leases()).isEmpty();
        assertThat(cluster.client().v1().events().inNamespace("bookinfo").list().getItems())
                .extracting(e -> e.getReason()).contains("MeshApply", "MeshRevert");
    }

    @Test
    public void aHealthyChangeIsAppliedAfterTheWholeWatch() {
        TrafficModel model = traffic(VersionBehaviour.of(0.001, LATENCY));
        ApplyState end = applyWatched(model, REVIEWS.formatted("jason", 50, 50));

        assertThat(end.outcome()).as(end.reason()).isEqualTo(ApplyOutcome.APPLIED);
        assertThat(cluster.reviewsPrimaryWeights()).containsEntry("v1", 50).containsEntry("v2", 50);
        assertThat(end.analyses()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(leases()).isEmpty();
    }

    @Test
    public void anEditByAThirdPartyAfterTheWriteIsKeptWhenTheApplyReverts() {
        TrafficModel model = traffic(VersionBehaviour.of(0.20, LATENCY));
        warmUp(model);
        ApplyPlan plan = plan(REVIEWS.formatted("jason", 0, 100));
        ApplyDriver driver = config.driver(gate(model), null, null);
        ApplyDriver.Progress watching = driver.advance(ApplyState.start(plan, "ci", null, watched(), clock.instant()));
        assertThat(watching.state().phase()).isEqualTo(ApplyPhase.WATCHING);
        GenericKubernetesResource vs = cluster.reviewsVirtualService();
        vs.getMetadata().getLabels().put("owner", "team-b");
        cluster.client().genericKubernetesResources(MeshResources.virtualService("v1")).inNamespace("bookinfo")
                .resource(vs).update();

        ApplyState end = run(driver, watching, model);

        assertThat(end.outcome()).isEqualTo(ApplyOutcome.REVERTED);
        assertThat(end.items().get(0).status()).isEqualTo(ItemStatus.KEPT);
        assertThat(cluster.reviewsVirtualService().getMetadata().getLabels()).containsEntry("owner", "team-b");
        assertThat(cluster.reviewsPrimaryWeights()).containsEntry("v2", 100);
    }

    @Test
    public void aRolloutsLeaseMakesItsWeightsItsOwnAndBlocksOtherChangesToTheRoute() {
        ApplyDriver driver = config.driver(HealthGate.NONE, null, null);
        assertThat(driver.advance(ApplyState.start(plan(REVIEWS.formatted("jason", 100, 0)), "ci", null,
                ApplyOptions.DEFAULT, clock.instant())).state().outcome()).isEqualTo(ApplyOutcome.APPLIED);
        TrafficController traffic = new TrafficController(cluster.client(), clock, TrafficSettings.defaults());
        RouteTarget target = traffic.resolve(io.jenkins.plugins.mesh.engine.traffic.RouteKind.VIRTUAL_SERVICE,
                "bookinfo", "reviews", "primary", "v1", "v2");
        traffic.begin(target, new Holder("build-42", null), false);
        traffic.setWeight(target, new Holder("build-42", null), 25);

        PlannedChange weightsOnly = plan(REVIEWS.formatted("jason", 100, 0)).changes().get(0);
        ApplyPlan more = plan(REVIEWS.formatted("bob", 100, 0));

        assertThat(weightsOnly.action()).isEqualTo(PlanAction.UNCHANGED);
        assertThat(weightsOnly.diff()).anySatisfy(d -> {
            assertThat(d.path()).isEqualTo("spec.http[1].route[0].weight");
            assertThat(d.before()).isEqualTo(75L);
            assertThat(d.managedBy()).startsWith("rollout build-42");
        });
        assertThat(more.changes().get(0).action()).isEqualTo(PlanAction.CONFLICT);
        assertThat(more.changes().get(0).reason()).contains("a rollout holds its route (build-42");
        assertThat(more.changes().get(0).plannedDiff()).extracting(d -> d.path())
                .containsExactly("spec.http[0].match[0].headers.end-user.exact");
        assertThat(cluster.reviewsPrimaryWeights()).containsEntry("v1", 75).containsEntry("v2", 25);
    }

    @Test
    public void anAppliesLeaseKeepsARolloutOffTheRouteUntilTheApplyIsOver() {
        killAfterTheWriteLanded(REVIEWS.formatted("alice", 100, 0), new ApplyStateJson());
        Map<String, Object> applied = content(cluster.reviewsVirtualService());
        TrafficController traffic = new TrafficController(cluster.client(), clock, TrafficSettings.defaults());
        RouteTarget target = traffic.resolve(io.jenkins.plugins.mesh.engine.traffic.RouteKind.VIRTUAL_SERVICE,
                "bookinfo", "reviews", "primary", "v1", "v2");

        assertThatThrownBy(() -> traffic.begin(target, new Holder("build-43", null), false))
                .isInstanceOf(TrafficException.class)
                .hasMessageContaining("is being changed by mesh apply, held by ci")
                .hasMessageContaining("Lease bookinfo/mesh-apply-virtualservice-reviews")
                .hasMessageContaining("mesh rollback --apply bookinfo");
        assertThat(cluster.client().leases().inNamespace("bookinfo").list().getItems())
                .extracting(l -> l.getMetadata().getName()).as("the rollout released the Lease it took")
                .containsExactly("mesh-apply-virtualservice-reviews");
        assertThat(content(cluster.reviewsVirtualService())).isEqualTo(applied);

        config.rollback().revertAll("bookinfo", null);
        assertThat(traffic.begin(target, new Holder("build-43", null), false).holder()).isEqualTo("build-43");
    }

    @Test
    public void aRolloutThatSlipsInBetweenTheLockAndTheWriteStopsTheApplyBeforeItWrites() {
        Map<String, Object> before = content(cluster.reviewsVirtualService());
        TrafficController traffic = new TrafficController(cluster.client(), clock, TrafficSettings.defaults());
        RouteTarget target = traffic.resolve(io.jenkins.plugins.mesh.engine.traffic.RouteKind.VIRTUAL_SERVICE,
                "bookinfo", "reviews", "primary", "v1", "v2");
        boolean[] slipped = {false};
        ApplyDriver driver = config.driver(HealthGate.NONE, state -> {
            if (!slipped[0] && state.items().get(0).status() == ItemStatus.WRITING) {
                // Both sides' checks passing at once: the rollout starts while the apply's Lease is briefly away.
                slipped[0] = true;
                var apply = cluster.client().leases().inNamespace("bookinfo")
                        .withName("mesh-apply-virtualservice-reviews").get();
                cluster.client().leases().inNamespace("bookinfo").withName("mesh-apply-virtualservice-reviews")
                        .delete();
                traffic.begin(target, new Holder("build-44", null), false);
                apply.getMetadata().setResourceVersion(null);
                cluster.client().leases().inNamespace("bookinfo").resource(apply).create();
            }
        }, null);

        ApplyState end = driver.advance(ApplyState.start(plan(REVIEWS.formatted("bob", 100, 0)), "ci", null,
                ApplyOptions.DEFAULT, clock.instant())).state();

        assertThat(slipped[0]).isTrue();
        assertThat(end.outcome()).as(end.reason()).isIn(ApplyOutcome.NOT_STARTED, ApplyOutcome.REVERTED);
        assertThat(end.reason()).contains("a rollout took its route since the plan (build-44");
        assertThat(content(cluster.reviewsVirtualService())).isEqualTo(before);
        assertThat(leases()).isEmpty();
    }

    @Test
    public void aRunKilledAfterItsWriteLandedIsResumedFromItsJson() {
        ApplyStateJson json = new ApplyStateJson();
        String lastPersisted = killAfterTheWriteLanded(REVIEWS.formatted("alice", 100, 0), json);
        Map<String, Object> written = content(cluster.reviewsVirtualService());
        assertThat(lastPersisted).contains("\"status\":\"WRITING\"");

        // A restart: new client, new engine objects, nothing but the JSON string.
        ConfigApply restarted = new ConfigApply(cluster.newClient(), clock, TrafficSettings.defaults());
        ApplyDriver.Progress resumed = restarted.driver(HealthGate.NONE, null, null).advance(json.read(lastPersisted));

        assertThat(resumed.state().outcome()).as(resumed.state().reason()).isEqualTo(ApplyOutcome.APPLIED);
        assertThat(content(cluster.reviewsVirtualService())).isEqualTo(written);
        assertThat(leases()).isEmpty();
    }

    @Test
    public void aRunKilledAfterItsWriteLandedIsRevertedByRollbackFromItsLeaseAlone() {
        Map<String, Object> before = content(cluster.reviewsVirtualService());
        killAfterTheWriteLanded(REVIEWS.formatted("alice", 100, 0), new ApplyStateJson());
        assertThat(leases()).hasSize(1);

        ConfigApply elsewhere = new ConfigApply(cluster.newClient(), clock, TrafficSettings.defaults());
        List<ApplyRollback.Result> results = elsewhere.rollback().revertAll("bookinfo", null);

        assertThat(results).extracting(ApplyRollback.Result::result).containsExactly(ItemStatus.REVERTED);
        assertThat(content(cluster.reviewsVirtualService())).isEqualTo(before);
        assertThat(leases()).isEmpty();
    }

    /** Runs an apply that dies (as a killed process) right after its write landed; returns the last state it stored. */
    private String killAfterTheWriteLanded(String yaml, ApplyStateJson json) {
        List<String> persisted = new ArrayList<>();
        ApplyDriver dying = config.driver(HealthGate.NONE, state -> {
            if (state.items().get(0).status() == ItemStatus.WRITTEN) {
                throw new Killed();
            }
            persisted.add(json.write(state));
        }, null);
        try {
            dying.advance(ApplyState.start(plan(yaml), "ci", null, ApplyOptions.DEFAULT, clock.instant()));
            throw new AssertionError("the run was not killed");
        } catch (Killed expected) {
            return persisted.get(persisted.size() - 1);
        }
    }

    private static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private ApplyState applyWatched(TrafficModel model, String yaml) {
        warmUp(model);
        ApplyPlan plan = plan(yaml);
        ApplyDriver driver = config.driver(gate(model), null, null);
        return run(driver, driver.advance(ApplyState.start(plan, "ci", "shop #3", watched(), clock.instant())),
                model);
    }

    private ApplyState run(ApplyDriver driver, ApplyDriver.Progress progress, TrafficModel model) {
        while (!progress.isDone()) {
            clock.advanceTo(progress.wakeAt());
            model.tick();
            progress = driver.advance(progress.state());
        }
        return progress.state();
    }

    private void warmUp(TrafficModel model) {
        clock.advance(Duration.ofMinutes(2));
        model.tick();
    }

    private static ApplyOptions watched() {
        return new ApplyOptions(List.of("success-rate>=99", "error-rate-vs-stable"), Duration.ofMinutes(2),
                Duration.ofSeconds(30), Duration.ofMinutes(10));
    }

    private HealthGate gate(TrafficModel model) {
        return new BeforeAfterHealthGate(HealthAnalysis.of(watched().checks(), Duration.ofSeconds(30), 50),
                new SimulatedObserver(model), null);
    }

    private TrafficModel traffic(VersionBehaviour v2) {
        return cluster.reviewsTraffic(VersionBehaviour.of(0.001, LATENCY), v2).requestRate(100).clock(clock)
                .seed(7).build();
    }

    private ApplyPlan plan(String yaml) {
        return config.planner(Validator.standard()).plan(new YamlConfigLoader("bookinfo").read("reviews.yaml",
                yaml), false).plan();
    }

    private List<String> leases() {
        return cluster.client().leases().inNamespace("bookinfo").list().getItems().stream()
                .map(l -> l.getMetadata().getName()).filter(n -> n.startsWith("mesh-apply-")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> content(GenericKubernetesResource object) {
        Map<String, Object> body = io.fabric8.kubernetes.client.utils.Serialization.jsonMapper()
                .convertValue(object, Map.class);
        return io.jenkins.plugins.mesh.engine.apply.ObjectContent.of(body);
    }
}
