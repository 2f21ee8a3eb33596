package io.jenkins.plugins.mesh.cli;

import io.jenkins.plugins.mesh.engine.apply.PlanResult;
import io.jenkins.plugins.mesh.engine.validate.Finding;
import io.jenkins.plugins.mesh.engine.validate.Severity;
import java.io.PrintWriter;

/** How mesh plan and mesh apply report a plan that validation stopped. */
final class ConfigPlanOutput {

    private ConfigPlanOutput() {
    }

    /** Prints the validation errors of a stopped plan; returns the exit code (2: nothing compared, nothing written). */
    static int stopped(PlanResult result, PrintWriter err) {
        for (Finding finding : result.validation().findings()) {
            if (finding.severity() == Severity.ERROR) {
                err.println(finding.toText());
            }
        }
        err.println("error: " + result.validation().count(Severity.ERROR) + " validation error(s) in the files; "
                + "nothing was compared or written. Fix them (mesh validate shows the same) and plan again");
        return TrafficFailures.NOTHING_WRITTEN;
    }
}
