package io.jenkins.plugins.mesh.simulator;

import static io.jenkins.plugins.mesh.simulator.TrafficModelTest.FAST;
import static io.jenkins.plugins.mesh.simulator.TrafficModelTest.T0;
import static io.jenkins.plugins.mesh.simulator.TrafficModelTest.V1;
import static io.jenkins.plugins.mesh.simulator.TrafficModelTest.V2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.mesh.engine.analysis.MetricException;
import io.jenkins.plugins.mesh.engine.analysis.RequestCounts;
import io.jenkins.plugins.mesh.engine.analysis.VersionSelector;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.Test;

public class SimulatedObserverTest {

    private static final VersionSelector STABLE = VersionSelector.subset("bookinfo", "reviews", "v1");
    private static final VersionSelector CANARY = VersionSelector.subset("bookinfo", "reviews", "v2");

    @Test
    public void errorsFromMinuteThreeShowUpInTheWindowAfterIt() throws MetricException {
        SimulationClock clock = SimulationClock.at(T0);
        TrafficModel model = TrafficModelTest.model(clock, InMemoryWeights.of(Map.of("v1", 50, "v2", 50)), 5,
                VersionBehaviour.of(0.0, FAST).errorsFrom(Duration.ofMinutes(3), 0.2));
        SimulatedObserver observer = new SimulatedObserver(model);
        Duration minute = Duration.ofMinutes(1);

        clock.advance(Duration.ofMinutes(3));
        model.tick();
        RequestCounts before = observer.requests(CANARY, minute, clock.instant());
        assertThat(before.total()).isCloseTo(3000, within(300.0));
        assertThat(before.errors()).isZero();

        clock.advance(Duration.ofMinutes(2));
        model.tick();
        RequestCounts after = observer.requests(CANARY, minute, clock.instant());
        assertThat(after.errors() / after.total()).isCloseTo(0.2, within(0.04));
        RequestCounts stable = observer.requests(STABLE, minute, clock.instant());
        assertThat(stable.errors() / stable.total()).isLessThan(0.01);
    }

    @Test
    public void latencyQuantilesComeFromTheHistogramLikePrometheus() throws MetricException {
        SimulationClock clock = SimulationClock.at(T0);
        TrafficModel model = TrafficModelTest.model(clock, InMemoryWeights.of(Map.of("v1", 50, "v2", 50)), 6,
                VersionBehaviour.of(0.0, FAST).latencyFrom(Duration.ofMinutes(5), FAST.times(3)));
        SimulatedObserver observer = new SimulatedObserver(model);
        clock.advance(Duration.ofMinutes(10));
        model.tick();
        Instant five = T0.plus(Duration.ofMinutes(5));
        Duration window = Duration.ofMinutes(5);

        double before = observer.latencyMillis(CANARY, 0.99, window, five).orElseThrow();
        double after = observer.latencyMillis(CANARY, 0.99, window, clock.instant()).orElseThrow();
        assertThat(before).isEqualTo(model.totals(V2, T0, five).latencyQuantile(0.99));
        assertThat(before).isBetween(100.0, 500.0);
        assertThat(after).isBetween(500.0, 1000.0);
        assertThat(observer.latencyMillis(STABLE, 0.5, window, clock.instant()).orElseThrow()).isBetween(10.0, 50.0);
    }

    @Test
    public void noTrafficIsNoneAndNoLatency() throws MetricException {
        SimulationClock clock = SimulationClock.at(T0);
        TrafficModel model = TrafficModelTest.model(clock, InMemoryWeights.of(Map.of("v1", 100, "v2", 0)), 1,
                VersionBehaviour.of(0.0, FAST));
        SimulatedObserver observer = new SimulatedObserver(model);
        clock.advance(Duration.ofMinutes(2));
        model.tick();
        assertThat(observer.requests(CANARY, Duration.ofMinutes(1), clock.instant())).isEqualTo(RequestCounts.NONE);
        assertThat(observer.latencyMillis(CANARY, 0.99, Duration.ofMinutes(1), clock.instant())).isEmpty();
        assertThat(observer.requests(VersionSelector.subset("other", "reviews", "v1"), Duration.ofMinutes(1),
                clock.instant())).isEqualTo(RequestCounts.NONE);
        assertThat(observer.requests(STABLE, Duration.ofMinutes(1), clock.instant()).total()).isPositive();
    }

    @Test
    public void hostBasedVersionsAreSelectedByServiceName() throws MetricException {
        SimulationClock clock = SimulationClock.at(T0);
        MeshVersion stable = MeshVersion.host("reviews-stable", "v1", "reviews-v1");
        MeshVersion canary = MeshVersion.host("reviews-canary", "v2", "reviews-v2");
        TrafficModel model = TrafficModel.builder("bookinfo", "reviews")
                .version(stable, VersionBehaviour.of(0, FAST)).version(canary, VersionBehaviour.of(1, FAST))
                .weights(InMemoryWeights.of(Map.of("reviews-stable", 90, "reviews-canary", 10)))
                .clock(clock).build();
        clock.advance(Duration.ofMinutes(2));
        model.tick();
        SimulatedObserver observer = new SimulatedObserver(model);
        RequestCounts counts = observer.requests(VersionSelector.host("bookinfo", "reviews-canary"),
                Duration.ofMinutes(2), clock.instant());
        assertThat(counts.total()).isCloseTo(1200, within(200.0));
        assertThat(counts.errors()).isEqualTo(counts.total());
    }

    @Test
    public void aWindowLongerThanTheRetentionIsAMetricError() {
        SimulationClock clock = SimulationClock.at(T0);
        TrafficModel model = TrafficModel.builder("bookinfo", "reviews").version(V1, VersionBehaviour.of(0, FAST))
                .weights(InMemoryWeights.of(Map.of("v1", 1))).clock(clock).retention(Duration.ofMinutes(1)).build();
        clock.advance(Duration.ofMinutes(3));
        model.tick();
        assertThatThrownBy(() -> new SimulatedObserver(model).requests(STABLE, Duration.ofMinutes(2), clock.instant()))
                .isInstanceOf(MetricException.class).hasMessageContaining("bookinfo/reviews@v1");
    }
}
