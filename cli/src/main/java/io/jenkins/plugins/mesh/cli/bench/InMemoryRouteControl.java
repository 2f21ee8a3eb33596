package io.jenkins.plugins.mesh.cli.bench;

import io.jenkins.plugins.mesh.engine.rollout.RouteControl;

/** The engine's hands on a simulated canary's in-memory weights, for P1 (no API server: P2 measures that). */
final class InMemoryRouteControl implements RouteControl {

    private final SimulatedCanary canary;

    InMemoryRouteControl(SimulatedCanary canary) {
        this.canary = canary;
    }

    @Override
    public void acquire() {
        // nothing to lock: the snapshot is stable 100, canary 0
    }

    @Override
    public int setWeight(int weight) {
        canary.setCanaryWeight(weight);
        return weight;
    }

    @Override
    public void promote() {
        canary.setCanaryWeight(100);
    }

    @Override
    public void hold() {
        // the weights stay
    }

    @Override
    public void restore(String reason) {
        canary.setCanaryWeight(0);
    }
}
