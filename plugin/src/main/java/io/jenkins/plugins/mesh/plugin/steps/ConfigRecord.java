package io.jenkins.plugins.mesh.plugin.steps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.model.Run;
import io.jenkins.plugins.mesh.engine.apply.ApplyEvent;
import io.jenkins.plugins.mesh.engine.apply.ApplyItem;
import io.jenkins.plugins.mesh.engine.apply.ApplyState;
import io.jenkins.plugins.mesh.engine.apply.GateRecord;
import io.jenkins.plugins.mesh.plugin.report.MeshConfigAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What {@code meshPlan} and {@code meshApply} put on the build page ({@link MeshConfigAction}): the plan as the
 * engine's JSON and, for an apply, each object's result, the analyses and the time line, as the JSON the page reads
 * ({@code report.ConfigReport}). Never the snapshots or the objects written: they stay in the cluster's Leases.
 */
final class ConfigRecord {

    private static final Logger LOGGER = Logger.getLogger(ConfigRecord.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> record = new LinkedHashMap<>();

    ConfigRecord(String step, String cluster, String namespace, String files, Map<String, Object> plan) {
        record.put("step", step);
        record.put("cluster", cluster);
        record.put("namespace", namespace);
        record.put("files", files);
        record.put("plan", plan);
    }

    /** The engine's plan JSON as maps and lists, for the record; empty when there is none or it does not parse. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> planMap(String planJson) {
        if (planJson == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(planJson, Map.class);
        } catch (JsonProcessingException e) {
            LOGGER.log(Level.WARNING, "Unreadable plan JSON", e);
            return Map.of();
        }
    }

    /** An apply that ended before it started: nothing was written. */
    ConfigRecord notStarted(String reason) {
        record.put("outcome", "NOT_STARTED");
        record.put("reason", reason);
        return this;
    }

    /** How an apply went: its outcome, each object's result, the analyses and the time line. */
    ConfigRecord applied(ApplyState state) {
        record.put("outcome", state.outcome() == null ? null : state.outcome().name());
        record.put("reason", state.reason());
        List<Map<String, Object>> items = new ArrayList<>();
        for (ApplyItem item : state.items()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("object", item.displayName());
            entry.put("action", item.action().label());
            entry.put("status", item.status().name().toLowerCase(Locale.ROOT));
            entry.put("message", item.message());
            items.add(entry);
        }
        record.put("items", items);
        List<Map<String, Object>> analyses = new ArrayList<>();
        for (GateRecord analysis : state.analyses()) {
            analyses.add(Map.of("at", analysis.at().toString(), "verdict", analysis.verdict().name(),
                    "summary", analysis.summary() == null ? "" : analysis.summary()));
        }
        record.put("analyses", analyses);
        List<Map<String, Object>> timeline = new ArrayList<>();
        for (ApplyEvent event : state.timeline()) {
            timeline.add(Map.of("at", event.at().toString(), "message", event.message()));
        }
        record.put("timeline", timeline);
        return this;
    }

    /** Adds the record to the build page; a failure to record never fails the step (the log has it all). */
    void addTo(Run<?, ?> run) {
        try {
            MeshConfigAction.record(run, JSON.writeValueAsString(record));
        } catch (JsonProcessingException e) {
            LOGGER.log(Level.WARNING, "Could not write the mesh config record of " + run, e);
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "Could not record the mesh config of " + run, e);
        }
    }
}
