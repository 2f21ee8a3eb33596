package io.jenkins.plugins.mesh.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.mesh.engine.apply.ApplyPlan;
import io.jenkins.plugins.mesh.engine.apply.ConfigApply;
import io.jenkins.plugins.mesh.engine.apply.PlanJson;
import io.jenkins.plugins.mesh.engine.apply.PlanResult;
import io.jenkins.plugins.mesh.engine.apply.PlanText;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import io.jenkins.plugins.mesh.engine.validate.Validator;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mesh plan}: what {@code mesh apply} would change, per object and field, and nothing written. */
@Command(name = "plan",
        description = {"Compare the mesh config in the files with the cluster and show, per object, what mesh apply "
            + "would do: create, update, delete (with --prune), unchanged, drift (changed by hand in the cluster) or "
            + "conflict (changed in both, or held by a running rollout), with a diff per field.",
            "The files are validated first (as mesh validate does); errors stop the plan. Nothing is written."},
        footerHeading = ExitCodes.HEADING,
        footer = {"  0  the plan was made (with --detailed-exitcode: and there are no changes)",
            "  1  the plan has conflicts: mesh apply would refuse it",
            "  2  usage, validation, permission or connection problem: no plan, nothing written",
            "  4  with --detailed-exitcode: there are changes (create, update, delete or drift), no conflict"})
public final class PlanCommand extends ClusterCommand {

    /** Changes present, with {@code --detailed-exitcode}. */
    static final int CHANGES = 4;
    static final int CONFLICTS = 1;

    enum Format { text, json }

    @Mixin
    ConfigFileOptions files;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (like terraform plan) or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--detailed-exitcode", description = "exit 4 when there are changes, 0 only when there are none")
    boolean detailedExitCode;

    @Override
    int run(KubernetesClient client, TrafficController traffic, PrintWriter out, PrintWriter err) {
        ConfigApply config = new ConfigApply(client, Clock.systemUTC(), TrafficSettings.defaults());
        PlanResult result = config.planner(Validator.standard()).plan(files.load(), files.prune);
        if (result.stopped()) {
            return ConfigPlanOutput.stopped(result, err);
        }
        ApplyPlan plan = result.plan();
        out.print(format == Format.json ? PlanJson.write(plan) + "\n" : PlanText.render(plan));
        if (!plan.conflicts().isEmpty()) {
            return CONFLICTS;
        }
        return detailedExitCode && plan.hasChanges() ? CHANGES : TrafficFailures.OK;
    }
}
