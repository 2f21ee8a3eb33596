package io.jenkins.plugins.mesh.cli.bench;

import io.jenkins.plugins.mesh.engine.analysis.MeshObserver;
import io.jenkins.plugins.mesh.engine.analysis.VersionSelector;
import io.jenkins.plugins.mesh.simulator.InMemoryWeights;
import io.jenkins.plugins.mesh.simulator.MeshVersion;
import io.jenkins.plugins.mesh.simulator.SimulatedObserver;
import io.jenkins.plugins.mesh.simulator.SimulationClock;
import io.jenkins.plugins.mesh.simulator.TrafficModel;
import io.jenkins.plugins.mesh.simulator.TrafficTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One seeded canary of a P1 scenario in simulated time: the traffic model following in-memory weights, the clock,
 * the in-process metrics, and what the canary served from the start of its regression on. A policy moves the clock
 * with {@link #advanceTo}, sets the weight with {@link #setCanaryWeight}, and ends with {@link #promoted} or
 * {@link #restored}.
 */
final class SimulatedCanary {

    static final String NAMESPACE = "bookinfo";
    static final String SERVICE = "reviews";
    static final MeshVersion STABLE = MeshVersion.subset(SERVICE, "v1");
    static final MeshVersion CANARY = MeshVersion.subset(SERVICE, "v2");
    static final VersionSelector STABLE_SELECTOR = VersionSelector.subset(NAMESPACE, SERVICE, "v1");
    static final VersionSelector CANARY_SELECTOR = VersionSelector.subset(NAMESPACE, SERVICE, "v2");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * How a policy's canary ended: promoted (the canary takes all traffic) or restored (the stable does); a restore
     * is inconclusive when the policy could not judge the canary (ours: {@code Outcome.INCONCLUSIVE}), not a verdict
     * against it.
     */
    record End(boolean promoted, boolean inconclusive, Instant at) {
    }

    private final BlastRadiusScenario scenario;
    private final SimulationClock clock;
    private final InMemoryWeights weights;
    private final TrafficModel model;
    private final SimulatedObserver observer;
    private final Instant regressionStart;
    private TrafficTotals atRegression;

    SimulatedCanary(BlastRadiusScenario scenario, long seed) {
        this.scenario = scenario;
        this.clock = SimulationClock.at(START);
        this.weights = InMemoryWeights.of(Map.of("v1", 100, "v2", 0));
        this.model = TrafficModel.builder(NAMESPACE, SERVICE)
                .version(STABLE, scenario.stable())
                .version(CANARY, scenario.canary())
                .requestRate(scenario.requestsPerSecond())
                .weights(weights)
                .clock(clock)
                .seed(seed)
                .retention(Duration.ofMinutes(20))
                .build();
        model.tick(); // the service's traffic before the rollout, which its pre-flight reads
        this.observer = new SimulatedObserver(model);
        this.regressionStart = scenario.healthy() ? null : START.plus(scenario.regressionStart());
        if (regressionStart != null && !regressionStart.isAfter(START)) {
            atRegression = model.cumulative(CANARY);
        }
    }

    SimulationClock clock() {
        return clock;
    }

    Instant start() {
        return START;
    }

    MeshObserver observer() {
        return observer;
    }

    /** Moves the clock to {@code time}, generating the traffic in between with the weights in force. */
    void advanceTo(Instant time) {
        if (regressionStart != null && atRegression == null && !time.isBefore(regressionStart)) {
            clock.advanceTo(regressionStart);
            model.tick();
            atRegression = model.cumulative(CANARY);
        }
        if (time.isAfter(clock.instant())) {
            clock.advanceTo(time);
        }
        model.tick();
    }

    /** Sends {@code weight} percent to the canary and the rest to the stable. */
    void setCanaryWeight(int weight) {
        weights.set(Map.of("v1", 100 - weight, "v2", weight));
    }

    End promoted() {
        setCanaryWeight(100);
        return new End(true, false, clock.instant());
    }

    End restored() {
        setCanaryWeight(0);
        return new End(false, false, clock.instant());
    }

    /** Restored because the canary could not be judged. */
    End restoredInconclusive() {
        setCanaryWeight(0);
        return new End(false, true, clock.instant());
    }

    /**
     * What the canary served while it was bad: from the start of its regression to the routes' restore, or, for a
     * promoted canary, to {@code horizon} after the start, the time after the promotion counted at its expected
     * value (all traffic at the canary's error ratio). Null for a healthy canary.
     */
    Exposure exposure(End end, Duration horizon) {
        if (regressionStart == null) {
            return null;
        }
        Instant horizonAt = START.plus(horizon);
        if (!end.promoted() && end.at().isBefore(regressionStart)) {
            return new Exposure(0, 0, null);
        }
        TrafficTotals before = atRegression == null ? model.cumulative(CANARY) : atRegression;
        TrafficTotals after = model.cumulative(CANARY);
        double requests = after.requests() - before.requests();
        double errors = after.errors() - before.errors();
        if (end.promoted()) {
            Instant from = end.at().isAfter(regressionStart) ? end.at() : regressionStart;
            if (from.isBefore(horizonAt)) {
                double seconds = Duration.between(from, horizonAt).toSeconds();
                double ratio = scenario.canary().errorRatio().at(Duration.between(START, from));
                requests += scenario.requestsPerSecond() * seconds;
                errors += scenario.requestsPerSecond() * seconds * ratio;
            }
            return new Exposure(requests, errors, null);
        }
        return new Exposure(requests, errors, Duration.between(regressionStart, end.at()));
    }

    /**
     * @param badRequests requests the canary served while bad
     * @param failedRequests of those, the failed ones
     * @param timeToRestore from the start of the regression to the routes restored; null when never restored
     */
    record Exposure(double badRequests, double failedRequests, Duration timeToRestore) {
    }
}
