package io.jenkins.plugins.mesh.plugin.report;

import hudson.model.Run;
import java.io.IOException;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * The mesh config plans and applies of one build ({@code meshPlan}, {@code meshApply}), shown on their own page: per
 * call, the plan as a table (object, action, field diff) and, for an apply, what was applied, what was reverted, the
 * health analyses and the time line. Each record is a JSON string ({@link ConfigReport}), never an engine object, in
 * the order the steps finished; {@code recordJson?index=N} serves one.
 */
public class MeshConfigAction extends JsonRecordsAction<ConfigReport> {

    /** Adds a finished plan or apply to the build page. */
    public static void record(Run<?, ?> run, String recordJson) throws IOException {
        addTo(run, MeshConfigAction.class, MeshConfigAction::new, recordJson);
    }

    @Override
    ConfigReport parse(String json) throws IOException {
        return ConfigReport.parse(json);
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

    /** Serves one record's JSON as recorded. */
    public void doRecordJson(@QueryParameter int index, StaplerResponse2 rsp) throws IOException {
        serve(index, rsp, null);
    }
}
