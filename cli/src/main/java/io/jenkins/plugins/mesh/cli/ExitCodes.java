package io.jenkins.plugins.mesh.cli;

/** The exit code lines shown in the help of the commands that talk to a cluster (as in {@code mesh --help}). */
final class ExitCodes {

    static final String HEADING = "%nExit codes:%n";
    static final String OK = "  0  success";
    static final String FAILED = "  1  the rollout or write failed after changing the route, or someone else changed "
            + "the weights (nothing of theirs was overwritten)";
    static final String NOTHING_WRITTEN = "  2  usage, validation, permission or connection problem: nothing was "
            + "written to any cluster";
    static final String RESTORE_PENDING = "  3  a restore is pending: run `mesh rollback` for the route named in the "
            + "message";

    static final String INCONCLUSIVE = "  4  inconclusive: too little traffic or no metrics to judge the canary; the "
            + "route was restored (or held with --on-inconclusive hold)";

    private ExitCodes() {
    }
}
