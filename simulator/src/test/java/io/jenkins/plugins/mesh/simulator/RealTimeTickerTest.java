package io.jenkins.plugins.mesh.simulator;

import static io.jenkins.plugins.mesh.simulator.TrafficModelTest.FAST;
import static io.jenkins.plugins.mesh.simulator.TrafficModelTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.Test;

public class RealTimeTickerTest {

    @Test
    public void ticksTheModelUpToItsClockOnItsOwnThread() throws InterruptedException {
        SimulationClock clock = SimulationClock.at(T0);
        TrafficModel model = TrafficModelTest.model(clock, InMemoryWeights.of(Map.of("v1", 1)), 1,
                VersionBehaviour.of(0, FAST));
        try (RealTimeTicker ticker = RealTimeTicker.start(Duration.ofMillis(5), model)) {
            clock.advance(Duration.ofSeconds(42));
            Instant expected = T0.plusSeconds(42);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!model.generatedUntil().equals(expected) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(model.generatedUntil()).isEqualTo(expected);
            assertThat(ticker.lastFailure()).isNull();
        }
    }

    @Test
    public void aFailingTickIsKeptAndTickingGoesOn() throws InterruptedException {
        SimulationClock clock = SimulationClock.at(T0);
        WeightSource broken = () -> {
            throw new IllegalStateException("VirtualService bookinfo/reviews does not exist");
        };
        TrafficModel model = TrafficModelTest.model(clock, broken, 1, VersionBehaviour.of(0, FAST));
        try (RealTimeTicker ticker = RealTimeTicker.start(Duration.ofMillis(5), model)) {
            clock.advance(Duration.ofSeconds(1));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (ticker.lastFailure() == null && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(ticker.lastFailure()).hasMessageContaining("bookinfo/reviews");
        }
    }
}
