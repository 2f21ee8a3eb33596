package io.jenkins.plugins.mesh.simulator;

import org.junit.rules.ExternalResource;

/** One simulated cluster for a test class: {@code @ClassRule public static final ClusterResource CLUSTER = ...}. */
final class ClusterResource extends ExternalResource {

    private SimulatedCluster cluster;

    @Override
    protected void before() {
        cluster = SimulatedCluster.start();
    }

    @Override
    protected void after() {
        cluster.close();
    }

    SimulatedCluster get() {
        return cluster;
    }
}
