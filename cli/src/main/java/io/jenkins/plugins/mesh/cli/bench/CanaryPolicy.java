package io.jenkins.plugins.mesh.cli.bench;

/**
 * A way of deciding a canary's fate from its metrics, run on one simulated canary: ours (the real engine) or an
 * emulation of another tool's documented rule. It moves the simulated clock, sets the canary's weight and reads the
 * metrics through {@link SimulatedCanary}, and stops when the canary is promoted or the routes are restored.
 */
interface CanaryPolicy {

    /** Short name for the table. */
    String name();

    /** Runs the canary from the simulation's start to its end. */
    SimulatedCanary.End run(SimulatedCanary canary) throws Exception;
}
