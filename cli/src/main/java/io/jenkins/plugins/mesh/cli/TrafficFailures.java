package io.jenkins.plugins.mesh.cli;

import io.jenkins.plugins.mesh.engine.traffic.TrafficException;
import io.jenkins.plugins.mesh.engine.traffic.WeightedDestination;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** How the traffic commands report engine failures and map them to the exit codes in {@code mesh --help}. */
final class TrafficFailures {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int NOTHING_WRITTEN = 2;
    static final int RESTORE_PENDING = 3;

    private TrafficFailures() {
    }

    /** Prints the message and returns the exit code for it. */
    static int report(TrafficException e, PrintWriter err) {
        err.println("error: " + e.getMessage());
        return switch (e.reason()) {
            case RESTORE_PENDING -> RESTORE_PENDING;
            case CONFLICT -> FAILED;
            default -> NOTHING_WRITTEN;
        };
    }

    /** A bad argument, an unreadable file or a cluster that cannot be reached: nothing was written. */
    static int report(RuntimeException e, PrintWriter err) {
        err.println("error: " + e.getMessage());
        return NOTHING_WRITTEN;
    }

    static String weights(List<WeightedDestination> weights) {
        return weights.stream().map(WeightedDestination::toString).collect(Collectors.joining(", "));
    }
}
