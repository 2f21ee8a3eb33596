package io.jenkins.plugins.mesh.plugin.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.model.Run;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * The rollouts of one build, shown on its page: outcome, steps and weights, check values and a time line. Holds each
 * report as the engine's JSON string (never an engine object, so Jenkins' class filter has nothing to reject), in the
 * order the rollouts finished. Each report is also written to {@code mesh-pipeline/rollout-N.json} in the build
 * directory, which is kept and deleted with the build, and is served by {@code reportJson?index=N}.
 */
public class MeshRolloutAction implements RunAction2 {

    private static final Logger LOGGER = Logger.getLogger(MeshRolloutAction.class.getName());
    static final String DIRECTORY = "mesh-pipeline";

    private final List<String> reports = new ArrayList<>();
    private transient Run<?, ?> run;

    /** Adds a finished rollout's report to the build page and archives it in the build directory. */
    public static void record(Run<?, ?> run, String reportJson) throws IOException {
        MeshRolloutAction action;
        int index;
        synchronized (run) {
            action = run.getAction(MeshRolloutAction.class);
            if (action == null) {
                action = new MeshRolloutAction();
                run.addAction(action);
            }
            index = action.add(reportJson);
        }
        File dir = new File(run.getRootDir(), DIRECTORY);
        Files.createDirectories(dir.toPath());
        Files.writeString(new File(dir, "rollout-" + index + ".json").toPath(), reportJson, StandardCharsets.UTF_8);
        run.save();
    }

    private synchronized int add(String reportJson) {
        reports.add(reportJson);
        return reports.size() - 1;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    public @CheckForNull Run<?, ?> getRun() {
        return run;
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

    /** The reports that parse; a damaged one is logged and left out of the page (its JSON is still served). */
    public synchronized List<RolloutReport> getReports() {
        List<RolloutReport> parsed = new ArrayList<>();
        for (String json : reports) {
            try {
                parsed.add(RolloutReport.parse(json));
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "Unreadable rollout report in " + run, e);
            }
        }
        return parsed;
    }

    /** The last rollout of the build, for the summary on the build page. */
    public @CheckForNull RolloutReport getLastReport() {
        List<RolloutReport> all = getReports();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    public synchronized int getReportCount() {
        return reports.size();
    }

    /** Serves one report's JSON as recorded. */
    public void doReportJson(@QueryParameter int index, StaplerResponse2 rsp) throws IOException {
        if (run != null) {
            run.checkPermission(Item.READ);
        }
        String json;
        synchronized (this) {
            if (index < 0 || index >= reports.size()) {
                rsp.sendError(404);
                return;
            }
            json = reports.get(index);
        }
        rsp.setContentType("application/json;charset=UTF-8");
        rsp.setHeader("Content-Disposition", "attachment; filename=rollout-" + index + ".json");
        try (PrintWriter writer = rsp.getWriter()) {
            writer.write(json);
        }
    }
}
