package io.jenkins.plugins.mesh.plugin.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.model.Run;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * The mesh config plans and applies of one build ({@code meshPlan}, {@code meshApply}), shown on their own page: per
 * call, the plan as a table (object, action, field diff) and, for an apply, what was applied, what was reverted, the
 * health analyses and the time line. Each record is a JSON string ({@link ConfigReport}), never an engine object, in
 * the order the steps finished; {@code recordJson?index=N} serves one.
 */
public class MeshConfigAction implements RunAction2 {

    private static final Logger LOGGER = Logger.getLogger(MeshConfigAction.class.getName());

    private final List<String> records = new ArrayList<>();
    private transient Run<?, ?> run;

    /** Adds a finished plan or apply to the build page. */
    public static void record(Run<?, ?> run, String recordJson) throws IOException {
        synchronized (run) {
            MeshConfigAction action = run.getAction(MeshConfigAction.class);
            if (action == null) {
                action = new MeshConfigAction();
                run.addAction(action);
            }
            action.add(recordJson);
        }
        run.save();
    }

    private synchronized void add(String recordJson) {
        records.add(recordJson);
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
        return "symbol-document-text";
    }

    @Override
    public String getDisplayName() {
        return Messages.MeshConfigAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "mesh-config";
    }

    /** The records that parse; a damaged one is logged and left out of the page. */
    public synchronized List<ConfigReport> getReports() {
        List<ConfigReport> parsed = new ArrayList<>();
        for (String json : records) {
            try {
                parsed.add(ConfigReport.parse(json));
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "Unreadable mesh config record in " + run, e);
            }
        }
        return parsed;
    }

    /** The last plan or apply of the build, for the summary on the build page. */
    public @CheckForNull ConfigReport getLastReport() {
        List<ConfigReport> all = getReports();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    public synchronized int getReportCount() {
        return records.size();
    }

    /** Serves one record's JSON as recorded. */
    public void doRecordJson(@QueryParameter int index, StaplerResponse2 rsp) throws IOException {
        if (run != null) {
            run.checkPermission(Item.READ);
        }
        String json;
        synchronized (this) {
            if (index < 0 || index >= records.size()) {
                rsp.sendError(404);
                return;
            }
            json = records.get(index);
        }
        rsp.setContentType("application/json;charset=UTF-8");
        try (PrintWriter writer = rsp.getWriter()) {
            writer.write(json);
        }
    }
}
