package io.jenkins.plugins.mesh.engine.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.mesh.engine.StateJson;

/**
 * Reads and writes {@link RolloutState} and {@link RolloutReport} as JSON: what a Jenkins step persists, what a
 * resumed build reads back and what the report file holds. Times are ISO-8601 strings; unknown fields are ignored
 * so a newer state can be read by an older reader after a downgrade.
 */
public final class RolloutStateJson {

    private final ObjectMapper mapper = StateJson.mapper();

    public String write(RolloutState state) {
        return toJson(state);
    }

    public RolloutState read(String json) {
        try {
            return mapper.readValue(json, RolloutState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the stored rollout state is not readable: " + e.getOriginalMessage(),
                    e);
        }
    }

    /** The report as indented JSON, for files and the build page. */
    public String write(RolloutReport report) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the rollout report", e);
        }
    }

    public RolloutReport readReport(String json) {
        try {
            return mapper.readValue(json, RolloutReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the rollout report is not readable: " + e.getOriginalMessage(), e);
        }
    }

    /** The request as JSON, persisted by a Jenkins step next to the state so a resumed build prepares it again. */
    public String write(CanaryRequest request) {
        return toJson(request);
    }

    public CanaryRequest readRequest(String json) {
        try {
            return mapper.readValue(json, CanaryRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the stored canary request is not readable: " + e.getOriginalMessage(),
                    e);
        }
    }

    /** The resolved route target, persisted so a resumed rollout need not read the cluster to prepare. */
    public String write(io.jenkins.plugins.mesh.engine.traffic.RouteTarget target) {
        return toJson(target);
    }

    public io.jenkins.plugins.mesh.engine.traffic.RouteTarget readTarget(String json) {
        try {
            return mapper.readValue(json, io.jenkins.plugins.mesh.engine.traffic.RouteTarget.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the stored route target is not readable: " + e.getOriginalMessage(),
                    e);
        }
    }

    private String toJson(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the rollout state", e);
        }
    }
}
