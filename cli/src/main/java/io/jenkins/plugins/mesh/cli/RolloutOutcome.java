package io.jenkins.plugins.mesh.cli;

import io.jenkins.plugins.mesh.engine.DurationText;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRollout;
import io.jenkins.plugins.mesh.engine.rollout.InconclusiveAction;
import io.jenkins.plugins.mesh.engine.rollout.Outcome;
import io.jenkins.plugins.mesh.engine.rollout.RolloutReport;
import io.jenkins.plugins.mesh.engine.rollout.RolloutState;
import io.jenkins.plugins.mesh.engine.rollout.RolloutStateJson;
import io.jenkins.plugins.mesh.engine.traffic.RouteTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The end of {@code mesh canary}: prints the outcome and what to do next, writes the {@code --report} file, and
 * returns the exit code. Runs once, whether the rollout ended on its own or Ctrl-C's shutdown hook ended it; a second
 * call returns the same exit code and prints nothing.
 */
final class RolloutOutcome {

    private final CanaryRollout rollout;
    private final Path reportFile;
    private final Clock clock;
    private final PrintWriter out;
    private final PrintWriter err;
    private Integer exitCode;

    RolloutOutcome(CanaryRollout rollout, Path reportFile, Clock clock, PrintWriter out, PrintWriter err) {
        this.rollout = rollout;
        this.reportFile = reportFile;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    /** Reports the finished rollout's outcome; returns its exit code. */
    synchronized int report(RolloutState end) {
        if (exitCode != null) {
            return exitCode;
        }
        Outcome outcome = end.outcome();
        RolloutReport report = RolloutReport.of(end, clock.instant());
        out.println(outcome + ": " + end.reason() + " (" + DurationText.format(Duration.ofMillis(report.durationMs())
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)) + ")");
        switch (outcome) {
            case ROLLED_BACK, ABORTED -> out.println("the route is back to its snapshot, verified by reading it back");
            case NOT_STARTED -> out.println("nothing was written");
            case HELD -> out.println("the route's lease keeps the snapshot: promote with `mesh traffic "
                    + routeArguments() + " --stable " + rollout.request().stable() + " --canary "
                    + rollout.request().canary() + " --weight 100`, or roll back with `mesh rollback "
                    + routeArguments() + "`");
            case INCONCLUSIVE -> out.println(rollout.request().onInconclusive() == InconclusiveAction.HOLD
                    ? "nothing is known against the canary, nor for it; the route holds " + end.weight() + "% and its "
                            + "lease keeps the snapshot: roll back with `mesh rollback " + routeArguments()
                            + "`, or promote with `mesh traffic " + routeArguments() + " --stable "
                            + rollout.request().stable() + " --canary " + rollout.request().canary() + " --weight 100`"
                    : "nothing is known against the canary, nor for it; the route is back to its snapshot, verified "
                            + "by reading it back");
            case RESTORE_PENDING -> err.println("the route could not be restored; its lease keeps the snapshot: run "
                    + "`mesh rollback " + routeArguments() + "`");
            default -> {
            }
        }
        writeReport(report);
        out.flush();
        err.flush();
        exitCode = outcome.exitCode();
        return exitCode;
    }

    /** The scheduler lost the rollout to an unexpected error: the route may hold a canary weight. */
    synchronized int crashed(Throwable cause, RolloutState last) {
        if (exitCode != null) {
            return exitCode;
        }
        err.println("error: the rollout stopped unexpectedly at " + last.weight() + "% (" + cause + "); check the "
                + "route with `mesh status` and restore it with `mesh rollback " + routeArguments() + "`");
        writeReport(RolloutReport.of(last, clock.instant()));
        err.flush();
        exitCode = TrafficFailures.RESTORE_PENDING;
        return exitCode;
    }

    private void writeReport(RolloutReport report) {
        if (reportFile == null) {
            return;
        }
        try {
            Files.writeString(reportFile, new RolloutStateJson().write(report) + "\n", StandardCharsets.UTF_8);
            out.println("report: " + reportFile);
        } catch (IOException e) {
            err.println("error: cannot write the report to " + reportFile + ": " + e.getMessage());
        }
    }

    private String routeArguments() {
        RouteTarget target = rollout.target();
        return "--namespace " + target.namespace() + " " + TrafficCommand.flag(target) + " " + target.name()
                + (target.route() != null ? " --route " + target.route() : "");
    }
}
