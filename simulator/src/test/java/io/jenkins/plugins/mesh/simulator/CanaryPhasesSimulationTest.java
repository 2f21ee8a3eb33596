package io.jenkins.plugins.mesh.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.engine.rollout.CanaryPhases;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRequest;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRollout;
import io.jenkins.plugins.mesh.engine.rollout.EndAction;
import io.jenkins.plugins.mesh.engine.rollout.Outcome;
import io.jenkins.plugins.mesh.engine.rollout.PhaseOptions;
import io.jenkins.plugins.mesh.engine.rollout.RolloutListener;
import io.jenkins.plugins.mesh.engine.rollout.RolloutReport;
import io.jenkins.plugins.mesh.engine.rollout.RolloutState;
import io.jenkins.plugins.mesh.engine.traffic.Holder;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import io.jenkins.plugins.mesh.engine.traffic.RouteTarget;
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
 * Canaries with a mirror phase, an A/B phase and sticky sessions against the simulated mesh: the engine writes each
 * phase's route change through the real HTTP API server, the traffic model follows it (copies to the canary,
 * requests with the header to the canary, cookies keeping users on their version) and the checks read its metrics.
 * A healthy canary is promoted with none of the phases' changes left; a faulty one is caught in its first phase and
 * the route is put back exactly.
 */
public class CanaryPhasesSimulationTest {

    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final LatencyDistribution LATENCY = LatencyDistribution.of(20, 120);
    private static final VersionBehaviour HEALTHY = VersionBehaviour.of(0.001, LATENCY);
    private static final VersionBehaviour FAULTY = VersionBehaviour.of(0.30, LATENCY);
    private static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final RequestMix TESTERS = RequestMix.plain().withHeader("x-canary", "true", 0.05);

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

    private TrafficModel model(RouteKind kind, VersionBehaviour canary) {
        TrafficModel.Builder builder = kind == RouteKind.VIRTUAL_SERVICE ? cluster.reviewsTraffic(HEALTHY, canary)
                : cluster.reviewsHostTraffic(HEALTHY, canary);
        return builder.requestRate(200).requestMix(TESTERS).users(5_000).clock(clock).seed(17).build();
    }

    private RolloutState run(RouteKind kind, TrafficModel model, List<Integer> steps, PhaseOptions options,
            EndAction end) {
        TrafficController traffic = new TrafficController(cluster.client(), clock, TrafficSettings.defaults());
        boolean vs = kind == RouteKind.VIRTUAL_SERVICE;
        CanaryPhases phases = options.phases(INTERVAL, steps);
        CanaryRequest request = CanaryRequest.of(kind, SimulatedCluster.NAMESPACE, SimulatedCluster.SERVICE,
                vs ? "v1" : "reviews-stable", vs ? "v2" : "reviews-canary", steps, phases).withInterval(INTERVAL)
                .withEndAction(end);
        CanaryRollout rollout = CanaryRollout.prepare(request, traffic, Holder.localUser("test", "sim"),
                new SimulatedObserver(model), null);
        return new SimulatedRolloutRunner(clock, List.of(model)).run(rollout.driver(clock, RolloutListener.NONE),
                rollout.start(clock.instant()));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> spec(RouteKind kind) {
        var object = kind == RouteKind.VIRTUAL_SERVICE ? cluster.reviewsVirtualService()
                : cluster.get(io.jenkins.plugins.mesh.simulator.MeshResources.httpRoute("v1"),
                        SimulatedCluster.NAMESPACE, SimulatedCluster.SERVICE);
        return (Map<String, Object>) object.getAdditionalProperties().get("spec");
    }

    private static PhaseOptions mirrorAbSticky(String afterMatch) {
        return new PhaseOptions(20.0, "1m", List.of("header:x-canary=true"), "1m", afterMatch, "mesh-canary");
    }

    @Test
    public void aHealthyCanaryGoesThroughEveryPhaseAndIsPromotedWithNoneOfTheirChangesLeft() {
        for (RouteKind kind : List.of(RouteKind.VIRTUAL_SERVICE, RouteKind.HTTP_ROUTE)) {
            startCluster();
            TrafficModel model = model(kind, HEALTHY);
            MeshVersion canary = canaryOf(kind);
            int routesBefore = routeCount(spec(kind), kind);
            RolloutState end = run(kind, model, List.of(10, 50), mirrorAbSticky("keep"), EndAction.PROMOTE);

            assertThat(end.outcome()).as(kind + ": " + end.reason()).isEqualTo(Outcome.PROMOTED);
            assertThat(RolloutReport.of(end, clock.instant()).steps()).extracting(RolloutReport.Step::phase)
                    .containsExactly("mirror 20%", "A/B header:x-canary=exact:true", null, null);
            assertThat(model.cumulativeMirrored(canary).requests()).as("copies in the mirror phase").isPositive();
            assertThat(routeCount(spec(kind), kind)).as("no A/B or sticky route left").isEqualTo(routesBefore);
            assertThat(spec(kind).toString()).doesNotContain("mirror").doesNotContain("x-canary")
                    .doesNotContain("mesh-canary");
            stopCluster();
        }
        startCluster();
    }

    @Test
    public void aFaultyCanaryIsCaughtInItsMirrorPhaseBeforeItServesAnyoneAndTheRouteIsExactlyAsBefore() {
        for (RouteKind kind : List.of(RouteKind.VIRTUAL_SERVICE, RouteKind.HTTP_ROUTE)) {
            startCluster();
            TrafficModel model = model(kind, FAULTY);
            MeshVersion canary = canaryOf(kind);
            Map<String, Object> before = spec(kind);
            RolloutState end = run(kind, model, List.of(10, 50), mirrorAbSticky("remove"), EndAction.PROMOTE);

            assertThat(end.outcome()).as(kind + ": " + end.reason()).isEqualTo(Outcome.ROLLED_BACK);
            assertThat(end.reason()).startsWith("the canary failed in the mirror 20% phase");
            assertThat(spec(kind)).isEqualTo(before);
            assertThat(model.cumulative(canary).requests()).as("user requests the canary answered").isZero();
            assertThat(model.cumulativeMirrored(canary).errors()).isPositive();
            stopCluster();
        }
        startCluster();
    }

    @Test
    public void aFaultyCanaryInAnAbOnlyRolloutServesOnlyTheTestersAndIsRestoredExactly() {
        TrafficModel model = model(RouteKind.VIRTUAL_SERVICE, FAULTY);
        Map<String, Object> before = spec(RouteKind.VIRTUAL_SERVICE);
        RolloutState end = run(RouteKind.VIRTUAL_SERVICE, model, List.of(),
                new PhaseOptions(null, null, List.of("header:x-canary=true"), "2m", null, null), EndAction.PROMOTE);

        assertThat(end.outcome()).as(end.reason()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(end.reason()).startsWith("the canary failed in the A/B header:x-canary=exact:true phase");
        assertThat(spec(RouteKind.VIRTUAL_SERVICE)).isEqualTo(before);
        double canary = model.cumulative(SimulatedCluster.CANARY).requests();
        double stable = model.cumulative(SimulatedCluster.STABLE).requests();
        assertThat(canary).isPositive();
        assertThat(canary / (canary + stable)).as("only requests with the header reached the canary")
                .isLessThan(0.06);
    }

    @Test
    public void anAbOnlyRolloutHeldKeepsItsRouteForTestersUntilARollbackTakesItAway() {
        TrafficModel model = model(RouteKind.VIRTUAL_SERVICE, HEALTHY);
        Map<String, Object> before = spec(RouteKind.VIRTUAL_SERVICE);
        RolloutState end = run(RouteKind.VIRTUAL_SERVICE, model, List.of(),
                new PhaseOptions(null, null, List.of("header:x-canary=true"), null, "end", null), EndAction.HOLD);

        assertThat(end.outcome()).as(end.reason()).isEqualTo(Outcome.HELD);
        assertThat(spec(RouteKind.VIRTUAL_SERVICE).toString()).contains("x-canary");
        TrafficController traffic = new TrafficController(cluster.client(), clock, TrafficSettings.defaults());
        RouteTarget target = traffic.resolve(RouteKind.VIRTUAL_SERVICE, SimulatedCluster.NAMESPACE,
                SimulatedCluster.SERVICE, null, "v1", "v2");
        traffic.restore(traffic.leaseOf(target), Holder.localUser("bob", "laptop"));
        assertThat(spec(RouteKind.VIRTUAL_SERVICE)).isEqualTo(before);
    }

    private static MeshVersion canaryOf(RouteKind kind) {
        return kind == RouteKind.VIRTUAL_SERVICE ? SimulatedCluster.CANARY : SimulatedCluster.CANARY_HOST;
    }

    private static int routeCount(Map<String, Object> spec, RouteKind kind) {
        return ((List<?>) spec.get(kind == RouteKind.VIRTUAL_SERVICE ? "http" : "rules")).size();
    }
}
