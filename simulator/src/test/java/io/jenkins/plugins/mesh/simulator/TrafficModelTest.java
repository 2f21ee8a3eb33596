package io.jenkins.plugins.mesh.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.Test;

public class TrafficModelTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final MeshVersion V1 = MeshVersion.subset("reviews", "v1");
    static final MeshVersion V2 = MeshVersion.subset("reviews", "v2");
    static final LatencyDistribution FAST = LatencyDistribution.of(20, 200);

    static TrafficModel model(SimulationClock clock, WeightSource weights, long seed, VersionBehaviour canary) {
        return TrafficModel.builder("bookinfo", "reviews")
                .version(V1, VersionBehaviour.of(0.001, FAST))
                .version(V2, canary)
                .requestRate(100)
                .weights(weights)
                .clock(clock)
                .seed(seed)
                .history(Duration.ZERO) // these tests count the traffic from the model's start
                .build();
    }

    private static TrafficTotals run(long seed, Duration length) {
        SimulationClock clock = SimulationClock.at(T0);
        TrafficModel model = model(clock, InMemoryWeights.of(Map.of("v1", 80, "v2", 20)), seed,
                VersionBehaviour.of(0.05, FAST.times(2)));
        for (long s = 0; s < length.toSeconds(); s++) {
            clock.advance(Duration.ofSeconds(1));
            model.tick();
        }
        return model.cumulative(V2);
    }

    @Test
    public void theSameSeedGivesTheSameTraffic() {
        TrafficTotals first = run(7, Duration.ofMinutes(10));
        TrafficTotals second = run(7, Duration.ofMinutes(10));
        TrafficTotals other = run(8, Duration.ofMinutes(10));
        assertThat(second.requests()).isEqualTo(first.requests());
        assertThat(second.errors()).isEqualTo(first.errors());
        assertThat(second.buckets()).isEqualTo(first.buckets());
        assertThat(second.latencySumMillis()).isEqualTo(first.latencySumMillis());
        assertThat(other.buckets()).isNotEqualTo(first.buckets());
    }

    @Test
    public void trafficFollowsTheWeightsAndTheRate() {
        SimulationClock clock = SimulationClock.at(T0);
        InMemoryWeights weights = InMemoryWeights.of(Map.of("v1", 100, "v2", 0));
        TrafficModel model = model(clock, weights, 1, VersionBehaviour.of(0.001, FAST));
        clock.advance(Duration.ofMinutes(10));
        assertThat(model.tick()).isEqualTo(600);
        assertThat(model.cumulative(V2).requests()).isZero();
        assertThat(model.cumulative(V1).requests()).isCloseTo(60_000, within(1_000L));

        weights.set(Map.of("v1", 1, "v2", 4));
        clock.advance(Duration.ofMinutes(10));
        model.tick();
        TrafficTotals v1 = model.totals(V1, T0.plus(Duration.ofMinutes(10)), clock.instant());
        TrafficTotals v2 = model.totals(V2, T0.plus(Duration.ofMinutes(10)), clock.instant());
        assertThat(v2.requests() / (double) (v1.requests() + v2.requests())).isCloseTo(0.8, within(0.01));
    }

    @Test
    public void weightsAreReadOnlyWhenTheModelIsTold() {
        SimulationClock clock = SimulationClock.at(T0);
        InMemoryWeights weights = InMemoryWeights.of(Map.of("v1", 100, "v2", 0));
        TrafficModel model = TrafficModel.builder("bookinfo", "reviews")
                .version(V1, VersionBehaviour.of(0, FAST)).version(V2, VersionBehaviour.of(0, FAST))
                .weights(weights).clock(clock).refreshWeightsOnTick(false).build();
        clock.advance(Duration.ofSeconds(60));
        model.tick();
        weights.set(Map.of("v1", 0, "v2", 100));
        clock.advance(Duration.ofSeconds(60));
        model.tick();
        assertThat(model.cumulative(V2).requests()).isZero();

        model.refreshWeights();
        clock.advance(Duration.ofSeconds(60));
        model.tick();
        assertThat(model.cumulative(V2).requests()).isGreaterThan(5_000);
    }

    @Test
    public void noWeightNoTrafficAndUnknownDestinationsTakeTheirShare() {
        SimulationClock clock = SimulationClock.at(T0);
        InMemoryWeights weights = InMemoryWeights.of(Map.of("v1", 0, "v2", 0));
        TrafficModel model = model(clock, weights, 3, VersionBehaviour.of(0, FAST));
        clock.advance(Duration.ofMinutes(1));
        model.tick();
        assertThat(model.cumulative(V1).requests() + model.cumulative(V2).requests()).isZero();

        weights.set(Map.of("v1", 50, "v3", 50));
        clock.advance(Duration.ofMinutes(10));
        model.tick();
        assertThat(model.cumulative(V1).requests()).isCloseTo(30_000, within(1_000L));
    }

    @Test
    public void errorsAndLatencyChangeOnSchedule() {
        SimulationClock clock = SimulationClock.at(T0);
        VersionBehaviour canary = VersionBehaviour.of(0.0, FAST)
                .errorsFrom(Duration.ofMinutes(3), 0.2)
                .latencyFrom(Duration.ofMinutes(5), FAST.times(3));
        TrafficModel model = model(clock, InMemoryWeights.of(Map.of("v1", 50, "v2", 50)), 4, canary);
        clock.advance(Duration.ofMinutes(7));
        model.tick();
        Instant three = T0.plus(Duration.ofMinutes(3));
        Instant five = T0.plus(Duration.ofMinutes(5));
        assertThat(model.totals(V2, T0, three).errors()).isZero();
        TrafficTotals bad = model.totals(V2, three, clock.instant());
        assertThat(bad.errors() / (double) bad.requests()).isCloseTo(0.2, within(0.02));
        assertThat(model.totals(V2, T0, five).latencyQuantile(0.99)).isBetween(100.0, 500.0);
        assertThat(model.totals(V2, five, clock.instant()).latencyQuantile(0.99)).isBetween(500.0, 1000.0);
    }

    @Test
    public void windowsBeyondTheRetentionAreRefused() {
        SimulationClock clock = SimulationClock.at(T0);
        TrafficModel model = TrafficModel.builder("bookinfo", "reviews")
                .version(V1, VersionBehaviour.of(0, FAST))
                .weights(InMemoryWeights.of(Map.of("v1", 1))).clock(clock).retention(Duration.ofMinutes(5)).build();
        clock.advance(Duration.ofMinutes(10));
        model.tick();
        assertThat(model.totals(V1, clock.instant().minus(Duration.ofMinutes(5)), clock.instant()).requests())
                .isPositive();
        assertThatThrownBy(() -> model.totals(V1, clock.instant().minus(Duration.ofMinutes(6)), clock.instant()))
                .hasMessageContaining("keeps 300 s").hasMessageContaining("raise its retention");
        assertThatThrownBy(() -> model.cumulative(MeshVersion.subset("reviews", "v9")))
                .hasMessageContaining("has no version");
    }

    @Test
    public void latencySumsMatchTheDistributionsMean() {
        SimulationClock clock = SimulationClock.at(T0);
        TrafficModel model = model(clock, InMemoryWeights.of(Map.of("v1", 1)), 2, VersionBehaviour.of(0, FAST));
        clock.advance(Duration.ofMinutes(30));
        model.tick();
        TrafficTotals v1 = model.cumulative(V1);
        double mean = FAST.partialMean(0, Double.POSITIVE_INFINITY);
        assertThat(v1.latencySumMillis() / v1.requests()).isCloseTo(mean, within(mean * 0.03));
    }
}
