package io.jenkins.plugins.mesh.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRequest;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRollout;
import io.jenkins.plugins.mesh.engine.rollout.EndAction;
import io.jenkins.plugins.mesh.engine.rollout.Outcome;
import io.jenkins.plugins.mesh.engine.rollout.RolloutListener;
import io.jenkins.plugins.mesh.engine.rollout.RolloutReport;
import io.jenkins.plugins.mesh.engine.rollout.RolloutState;
import io.jenkins.plugins.mesh.engine.rollout.RolloutStateJson;
import io.jenkins.plugins.mesh.engine.traffic.Holder;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The whole canary against the simulated mesh: the rollout writes weights through the real HTTP API server, the
 * traffic follows the live weights, the health checks read the simulated Istio metrics, all in simulated time.
 */
public class CanaryRolloutSimulationTest {

    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final LatencyDistribution LATENCY = LatencyDistribution.of(20, 120);

    private SimulatedCluster cluster;
    private SimulationClock clock;

    @Before
    public void startCluster() {
        cluster = SimulatedCluster.start();
        clock = SimulationClock.at(START);
    }

    @After
    public void stopCluster() {
        cluster.close();
    }

    private RolloutState run(VersionBehaviour canary, EndAction end, Instant abortAt) {
        TrafficModel model = cluster.reviewsTraffic(VersionBehaviour.of(0.001, LATENCY), canary)
                .requestRate(100).clock(clock).seed(11).build();
        TrafficController traffic = new TrafficController(cluster.client(), clock, TrafficSettings.defaults());
        CanaryRequest request = CanaryRequest.of(RouteKind.VIRTUAL_SERVICE, SimulatedCluster.NAMESPACE,
                SimulatedCluster.SERVICE, "v1", "v2", List.of(10, 25, 50))
                .withInterval(Duration.ofSeconds(30)).withEndAction(end);
        CanaryRollout rollout = CanaryRollout.prepare(request, traffic, Holder.localUser("test", "sim"),
                new SimulatedObserver(model), null);
        SimulatedRolloutRunner runner = new SimulatedRolloutRunner(clock, List.of(model));
        if (abortAt != null) {
            runner.abortAt(abortAt, "alice");
        }
        return runner.run(rollout.driver(clock, RolloutListener.NONE), rollout.start(clock.instant()));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> spec() {
        GenericKubernetesResource vs = cluster.reviewsVirtualService();
        return (Map<String, Object>) vs.getAdditionalProperties().get("spec");
    }

    private Map<String, Integer> primaryWeights() {
        return cluster.reviewsPrimaryWeights();
    }

    @Test
    public void healthyCanaryIsPromoted() {
        RolloutState end = run(VersionBehaviour.of(0.001, LATENCY), EndAction.PROMOTE, null);
        assertThat(end.outcome()).as(end.reason()).isEqualTo(Outcome.PROMOTED);
        assertThat(primaryWeights()).containsEntry("v1", 0).containsEntry("v2", 100);
        RolloutReport report = RolloutReport.of(end, clock.instant());
        assertThat(report.steps()).extracting(RolloutReport.Step::weight).containsExactly(10, 25, 50);
        assertThat(report.checks()).isNotEmpty().allSatisfy(c -> assertThat(c.name()).isNotBlank());
        assertThat(new RolloutStateJson().write(report)).contains("\"outcome\" : \"PROMOTED\"");
    }

    @Test
    public void faultyCanaryIsRolledBackAndTheRouteIsExactlyAsBefore() {
        Map<String, Object> before = spec();
        RolloutState end = run(VersionBehaviour.of(0.20, LATENCY), EndAction.PROMOTE, null);
        assertThat(end.outcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(end.reason()).contains("failed at 10%");
        assertThat(spec()).isEqualTo(before);
        assertThat(end.analyses()).hasSize(1);
    }

    @Test
    public void canaryThatTurnsBadLaterIsCaughtAtALaterStep() {
        Map<String, Object> before = spec();
        RolloutState end = run(VersionBehaviour.of(0.001, LATENCY).errorsFrom(Duration.ofSeconds(70), 0.05),
                EndAction.PROMOTE, null);
        assertThat(end.outcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(end.analyses().get(0).verdict()).isEqualTo(io.jenkins.plugins.mesh.engine.analysis.Verdict.PASS);
        assertThat(spec()).isEqualTo(before);
    }

    @Test
    public void abortedCanaryRestores() {
        Map<String, Object> before = spec();
        RolloutState end = run(VersionBehaviour.of(0.001, LATENCY), EndAction.PROMOTE, START.plusSeconds(45));
        assertThat(end.outcome()).isEqualTo(Outcome.ABORTED);
        assertThat(end.reason()).isEqualTo("aborted by alice");
        assertThat(spec()).isEqualTo(before);
    }

    @Test
    public void aRolloutResumedFromItsJsonAloneFinishesWithoutResolvingTheRouteAgain() {
        TrafficModel model = cluster.reviewsTraffic(VersionBehaviour.of(0.001, LATENCY),
                VersionBehaviour.of(0.001, LATENCY)).requestRate(100).clock(clock).seed(5).build();
        RolloutStateJson json = new RolloutStateJson();
        CanaryRequest request = CanaryRequest.of(RouteKind.VIRTUAL_SERVICE, SimulatedCluster.NAMESPACE,
                SimulatedCluster.SERVICE, "v1", "v2", List.of(10, 50)).withInterval(Duration.ofSeconds(30));
        Holder build = new Holder("job/shop#7", "http://jenkins/job/shop/7/");
        CanaryRollout first = CanaryRollout.prepare(request, new TrafficController(cluster.client(), clock,
                TrafficSettings.defaults()), build, new SimulatedObserver(model), null);
        // What a Jenkins step persists: the request, the resolved target and the state, as JSON strings.
        String requestJson = json.write(request);
        String targetJson = json.write(first.target());
        model.tick(); // the service's traffic so far, which the pre-flight reads
        var progress = first.driver(clock, RolloutListener.NONE).advance(first.start(clock.instant()));
        assertThat(progress.state().weight()).isEqualTo(10);
        String stateJson = json.write(progress.state());

        // A controller restart: new clients, new engine objects, nothing but the strings.
        CanaryRollout resumed = CanaryRollout.resume(json.readRequest(requestJson), json.readTarget(targetJson),
                new TrafficController(cluster.newClient(), clock, TrafficSettings.defaults()), build,
                new SimulatedObserver(model), null);
        RolloutState end = new SimulatedRolloutRunner(clock, List.of(model))
                .run(resumed.driver(clock, RolloutListener.NONE), json.read(stateJson));
        assertThat(end.outcome()).as(end.reason()).isEqualTo(Outcome.PROMOTED);
        assertThat(primaryWeights()).containsEntry("v2", 100);
    }

    @Test
    public void heldCanaryKeepsItsLastWeightsAndCanStillBeRolledBack() {
        Map<String, Object> before = spec();
        RolloutState end = run(VersionBehaviour.of(0.001, LATENCY), EndAction.HOLD, null);
        assertThat(end.outcome()).isEqualTo(Outcome.HELD);
        assertThat(primaryWeights()).containsEntry("v1", 50).containsEntry("v2", 50);
        TrafficController traffic = new TrafficController(cluster.client(), clock, TrafficSettings.defaults());
        var target = traffic.resolve(RouteKind.VIRTUAL_SERVICE, SimulatedCluster.NAMESPACE, SimulatedCluster.SERVICE,
                null, "v1", "v2");
        traffic.restore(traffic.leaseOf(target), Holder.localUser("bob", "laptop"));
        assertThat(spec()).isEqualTo(before);
    }
}
