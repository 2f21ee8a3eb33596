package io.jenkins.plugins.mesh.cli.bench;

import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The simulator's API server as the benchmarks use it: its per-request log lines silenced (they would cost more than
 * the requests), and its record of received requests emptied on demand, so heap figures do not count it.
 */
final class LoopbackCluster implements AutoCloseable {

    private final Logger serverLog = Logger.getLogger("io.fabric8.mockwebserver");
    private final Level previousLevel;
    private final SimulatedCluster cluster;

    private LoopbackCluster() {
        previousLevel = serverLog.getLevel();
        serverLog.setLevel(Level.WARNING);
        cluster = SimulatedCluster.start();
    }

    static LoopbackCluster start() {
        return new LoopbackCluster();
    }

    SimulatedCluster cluster() {
        return cluster;
    }

    /** Empties the server's record of the requests it received (fabric8's mock server keeps every one). */
    void forgetRequests() throws InterruptedException {
        while (cluster.server().takeRequest(0, TimeUnit.MILLISECONDS) != null) {
            // drop it
        }
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } finally {
            serverLog.setLevel(previousLevel);
        }
    }
}
