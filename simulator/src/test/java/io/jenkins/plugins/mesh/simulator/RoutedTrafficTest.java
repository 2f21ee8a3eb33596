package io.jenkins.plugins.mesh.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.mesh.engine.analysis.Reporter;
import io.jenkins.plugins.mesh.engine.analysis.RequestCounts;
import io.jenkins.plugins.mesh.engine.analysis.VersionSelector;
import io.jenkins.plugins.mesh.engine.traffic.CanaryMirror;
import io.jenkins.plugins.mesh.engine.traffic.Holder;
import io.jenkins.plugins.mesh.engine.traffic.MatchRoute;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import io.jenkins.plugins.mesh.engine.traffic.RouteTarget;
import io.jenkins.plugins.mesh.engine.traffic.StickySessions;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The traffic model follows what the traffic engine writes beyond weights: A/B routes take only the requests that
 * carry their header or cookie, mirrors copy requests to the canary without serving anyone, and sticky cookies keep
 * users on the version that served them. Simulated time; the engine writes through the real HTTP API server.
 */
public class RoutedTrafficTest {

    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final VersionBehaviour HEALTHY = VersionBehaviour.of(0.001, LatencyDistribution.of(20, 120));
    private static final Holder HOLDER = Holder.localUser("test", "sim");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private SimulatedCluster cluster;
    private SimulationClock clock;
    private TrafficController traffic;

    @Before
    public void startCluster() {
        cluster = SimulatedCluster.start();
        clock = SimulationClock.at(START);
        traffic = new TrafficController(cluster.client(), clock, TrafficSettings.defaults());
    }

    @After
    public void stopCluster() {
        cluster.close();
    }

    @Test
    public void anAbRouteServesTheCanaryOnlyToRequestsWithItsHeaderOrCookie() {
        TrafficModel model = cluster.reviewsTraffic(HEALTHY, HEALTHY).requestRate(1000).clock(clock).seed(3)
                .requestMix(RequestMix.plain().withHeader("x-canary", "true", 0.05).withCookie("beta", "1", 0.02))
                .build();
        RouteTarget target = begin(RouteKind.VIRTUAL_SERVICE, "v1", "v2");

        traffic.addChange(target, HOLDER, MatchRoute.parse(List.of("header:x-canary=true", "cookie:beta=1")));
        run(model, MINUTE);

        double canary = model.cumulative(SimulatedCluster.CANARY).requests();
        double stable = model.cumulative(SimulatedCluster.STABLE).requests();
        assertThat(canary / (canary + stable)).isCloseTo(0.07, within(0.01));
        assertThat(model.cumulativeMirrored(SimulatedCluster.CANARY).requests()).isZero();

        // The A/B route stays ahead of the weights: at 10 %, a tenth of the other requests joins the chosen ones.
        traffic.setWeight(target, HOLDER, 10);
        long before = model.cumulative(SimulatedCluster.CANARY).requests();
        run(model, MINUTE);
        double share = (model.cumulative(SimulatedCluster.CANARY).requests() - before) / 60_000.0;
        assertThat(share).isCloseTo(0.07 + 0.93 * 0.10, within(0.01));
    }

    @Test
    public void anHttpRouteAbRuleWinsOverTheManagedRuleByPrecedence() {
        TrafficModel model = cluster.reviewsHostTraffic(HEALTHY, HEALTHY).requestRate(1000).clock(clock).seed(4)
                .requestMix(RequestMix.plain().withHeader("x-canary", "true", 0.10)).build();
        RouteTarget target = begin(RouteKind.HTTP_ROUTE, "reviews-stable", "reviews-canary");

        traffic.addChange(target, HOLDER, MatchRoute.parse(List.of("header:x-canary=true")));
        run(model, MINUTE);

        double canary = model.cumulative(SimulatedCluster.CANARY_HOST).requests();
        double stable = model.cumulative(SimulatedCluster.STABLE_HOST).requests();
        assertThat(canary / (canary + stable)).isCloseTo(0.10, within(0.01));
    }

    @Test
    public void mirroredCopiesReachTheCanaryButNoUserAndOnlyItsSideReportsThem() throws Exception {
        VersionBehaviour faulty = VersionBehaviour.of(0.30, LatencyDistribution.of(20, 120));
        TrafficModel model = cluster.reviewsTraffic(HEALTHY, faulty).requestRate(500).clock(clock).seed(5)
                .history(Duration.ZERO).build(); // the copies are counted from the model's start
        RouteTarget target = begin(RouteKind.VIRTUAL_SERVICE, "v1", "v2");

        traffic.addChange(target, HOLDER, new CanaryMirror(20));
        run(model, MINUTE);

        TrafficTotals copies = model.cumulativeMirrored(SimulatedCluster.CANARY);
        long stable = model.cumulative(SimulatedCluster.STABLE).requests();
        assertThat(model.cumulative(SimulatedCluster.CANARY).requests()).isZero();
        assertThat(copies.requests() / (double) stable).isCloseTo(0.20, within(0.02));
        assertThat(copies.errors() / (double) copies.requests()).isCloseTo(0.30, within(0.03));

        VersionSelector canary = VersionSelector.subset(SimulatedCluster.NAMESPACE, SimulatedCluster.SERVICE, "v2");
        RequestCounts seenByCanary = new SimulatedObserver(model).requests(canary, MINUTE, clock.instant());
        assertThat(seenByCanary.total()).isEqualTo(copies.requests());
        assertThat(new SimulatedObserver(model, Reporter.SOURCE).requests(canary, MINUTE, clock.instant()))
                .isEqualTo(RequestCounts.NONE);
        String metrics = model.metrics().render();
        assertThat(metrics).contains("istio_requests_total{reporter=\"destination\",source_workload=\"productpage-v1\"")
                .containsPattern("reporter=\"destination\"[^}]*destination_version=\"v2\"[^}]*response_code=\"503\"")
                .doesNotContainPattern("reporter=\"source\"[^}]*destination_version=\"v2\"");

        traffic.removeChange(target, HOLDER, "mirror");
        long copied = model.cumulativeMirrored(SimulatedCluster.CANARY).requests();
        run(model, MINUTE);
        assertThat(model.cumulativeMirrored(SimulatedCluster.CANARY).requests()).isEqualTo(copied);
    }

    @Test
    public void stickyUsersStayOnTheVersionThatServedThemWhenTheWeightsMove() {
        TrafficModel model = cluster.reviewsTraffic(HEALTHY, HEALTHY).requestRate(300).users(2_000).clock(clock)
                .seed(6).build();
        RouteTarget target = begin(RouteKind.VIRTUAL_SERVICE, "v1", "v2");
        traffic.addChange(target, HOLDER, StickySessions.cookie("mesh-canary"));

        traffic.setWeight(target, HOLDER, 50);
        run(model, MINUTE);
        traffic.setWeight(target, HOLDER, 0);
        long before = model.cumulative(SimulatedCluster.CANARY).requests();
        run(model, MINUTE);

        // Users the canary served keep going there although its weight is 0 now: about half of them.
        double share = (model.cumulative(SimulatedCluster.CANARY).requests() - before) / (300.0 * 60);
        assertThat(share).isCloseTo(0.5, within(0.06));

        traffic.removeChange(target, HOLDER, "sticky");
        before = model.cumulative(SimulatedCluster.CANARY).requests();
        run(model, MINUTE);
        assertThat(model.cumulative(SimulatedCluster.CANARY).requests()).isEqualTo(before);
    }

    private RouteTarget begin(RouteKind kind, String stable, String canary) {
        RouteTarget target = traffic.resolve(kind, SimulatedCluster.NAMESPACE, SimulatedCluster.SERVICE,
                kind == RouteKind.VIRTUAL_SERVICE ? SimulatedCluster.PRIMARY_ROUTE : null, stable, canary);
        traffic.begin(target, HOLDER, false);
        return target;
    }

    private void run(TrafficModel model, Duration duration) {
        model.tick();
        clock.advance(duration);
        model.tick();
    }
}
