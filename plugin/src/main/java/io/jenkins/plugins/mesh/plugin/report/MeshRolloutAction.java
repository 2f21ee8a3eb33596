package io.jenkins.plugins.mesh.plugin.report;

import hudson.model.Run;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * The rollouts of one build, shown on its page: outcome, steps and weights, check values and a time line. Holds each
 * report as the engine's JSON string (never an engine object, so Jenkins' class filter has nothing to reject), in the
 * order the rollouts finished. Each report is also written to {@code mesh-pipeline/rollout-N.json} in the build
 * directory, which is kept and deleted with the build, and is served by {@code reportJson?index=N}.
 */
public class MeshRolloutAction extends JsonRecordsAction<RolloutReport> {

    static final String DIRECTORY = "mesh-pipeline";

    /** Adds a finished rollout's report to the build page and archives it in the build directory. */
    public static void record(Run<?, ?> run, String reportJson) throws IOException {
        int index = addTo(run, MeshRolloutAction.class, MeshRolloutAction::new, reportJson);
        File dir = new File(run.getRootDir(), DIRECTORY);
        Files.createDirectories(dir.toPath());
        Files.writeString(new File(dir, "rollout-" + index + ".json").toPath(), reportJson, StandardCharsets.UTF_8);
    }

    @Override
    RolloutReport parse(String json) throws IOException {
        return RolloutReport.parse(json);
    }

    @Override
    public String getIconFileName() {
        return "symbol-swap";
    }

    @Override
    public String getDisplayName() {
        return Messages.MeshRolloutAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "mesh-rollout";
    }

    /** Serves one report's JSON as recorded. */
    public void doReportJson(@QueryParameter int index, StaplerResponse2 rsp) throws IOException {
        serve(index, rsp, "rollout-" + index + ".json");
    }
}
