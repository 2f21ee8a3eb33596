package io.jenkins.plugins.mesh.plugin.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.model.Run;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * A build page that lists what the steps of one build recorded, each record as the engine's JSON string (never an
 * engine object, so Jenkins' class filter has nothing to reject), in the order the steps finished. The views read
 * {@link #getReports()}, {@link #getLastReport()} and {@link #getReportCount()}.
 *
 * @param <R> the parsed form of a record, for the views
 */
public abstract class JsonRecordsAction<R> implements RunAction2 {

    private static final Logger LOGGER = Logger.getLogger(JsonRecordsAction.class.getName());

    private final List<String> reports = new ArrayList<>();
    private transient Run<?, ?> run;

    /** Parses one record for the views. */
    abstract R parse(String json) throws IOException;

    /**
     * Adds {@code json} to the build's action of {@code type}, creating the action on the first record, and saves the
     * build.
     *
     * @return the record's index
     */
    static <A extends JsonRecordsAction<?>> int addTo(Run<?, ?> run, Class<A> type, Supplier<A> create, String json)
            throws IOException {
        int index;
        synchronized (run) {
            A action = run.getAction(type);
            if (action == null) {
                action = create.get();
                run.addAction(action);
            }
            index = action.add(json);
        }
        run.save();
        return index;
    }

    final synchronized int add(String json) {
        reports.add(json);
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

    /** The records that parse; a damaged one is logged and left out of the page (its JSON is still served). */
    public synchronized List<R> getReports() {
        List<R> parsed = new ArrayList<>();
        for (String json : reports) {
            try {
                parsed.add(parse(json));
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "Unreadable record of " + getClass().getSimpleName() + " in " + run, e);
            }
        }
        return parsed;
    }

    /** The last record of the build, for the summary on the build page. */
    public @CheckForNull R getLastReport() {
        List<R> all = getReports();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    public synchronized int getReportCount() {
        return reports.size();
    }

    /**
     * Serves one record's JSON as recorded, to those who may read the build.
     *
     * @param attachmentName the file name to offer for saving it, or null to show it
     */
    final void serve(int index, StaplerResponse2 rsp, @CheckForNull String attachmentName) throws IOException {
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
        if (attachmentName != null) {
            rsp.setHeader("Content-Disposition", "attachment; filename=" + attachmentName);
        }
        try (PrintWriter writer = rsp.getWriter()) {
            writer.write(json);
        }
    }
}
