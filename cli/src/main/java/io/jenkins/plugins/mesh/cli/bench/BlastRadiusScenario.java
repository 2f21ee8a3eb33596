package io.jenkins.plugins.mesh.cli.bench;

import io.jenkins.plugins.mesh.simulator.LatencyDistribution;
import io.jenkins.plugins.mesh.simulator.VersionBehaviour;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One P1 scenario: the service's request rate and how the stable and the canary versions answer. A regression
 * starts at {@code regressionStart} (counted from the rollout's start); a healthy canary has none.
 *
 * @param name what the scenario is, for the table
 * @param requestsPerSecond requests to the whole service, split by the route's weights
 * @param stable the stable version's behaviour
 * @param canary the canary's behaviour
 * @param regressionStart when the canary turns bad, or null for a healthy canary
 */
public record BlastRadiusScenario(String name, double requestsPerSecond, VersionBehaviour stable,
        VersionBehaviour canary, Duration regressionStart) {

    /** Both versions' latency: median 20 ms, p99 200 ms. */
    static final LatencyDistribution LATENCY = LatencyDistribution.of(20, 200);
    /** Both versions' error ratio when healthy: 0.1 %. */
    static final double BASE_ERRORS = 0.001;
    /** The request rate of the regression scenarios. */
    static final double RATE = 100;

    public boolean healthy() {
        return regressionStart == null;
    }

    /** The suite of issue 8: healthy canaries, error and latency regressions, a noisy stable. */
    public static List<BlastRadiusScenario> suite() {
        VersionBehaviour base = VersionBehaviour.of(BASE_ERRORS, LATENCY);
        List<BlastRadiusScenario> suite = new ArrayList<>();
        for (double rate : new double[] {100, 10, 1}) {
            suite.add(new BlastRadiusScenario(String.format("healthy %s rps", (int) rate), rate, base, base, null));
        }
        for (Duration start : List.of(Duration.ZERO, Duration.ofMinutes(3))) {
            for (double ratio : new double[] {0.01, 0.02, 0.05, 0.20}) {
                String name = String.format("%s%% errors %s", percent(ratio),
                        start.isZero() ? "from start" : "from minute " + start.toMinutes());
                suite.add(new BlastRadiusScenario(name, RATE, base, base.errorsFrom(start, ratio), start));
            }
        }
        for (double factor : new double[] {1.5, 3}) {
            suite.add(new BlastRadiusScenario("latency x" + (factor == 3 ? "3" : "1.5") + " from start", RATE, base,
                    base.latencyFrom(Duration.ZERO, LATENCY.times(factor)), Duration.ZERO));
        }
        VersionBehaviour noisy = VersionBehaviour.of(0.01, LATENCY);
        suite.add(new BlastRadiusScenario("noisy 1% both, healthy", RATE, noisy, noisy, null));
        return suite;
    }

    private static String percent(double ratio) {
        double value = ratio * 100;
        return value == Math.rint(value) ? Integer.toString((int) value) : Double.toString(value);
    }
}
