package io.jenkins.plugins.mesh.plugin.steps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.AbortException;
import java.util.Map;

/** Writes a step's parameters as the plan JSON its execution persists instead of any engine object, and reads it. */
final class PlanJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanJson() {
    }

    static String write(Map<String, Object> plan) throws AbortException {
        try {
            return JSON.writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new AbortException("Cannot write the step's plan: " + e.getOriginalMessage());
        }
    }

    static JsonNode read(String json) throws AbortException {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AbortException("Cannot read the step's plan: " + e.getOriginalMessage());
        }
    }

    /** A text field of the plan, or null when it is absent or null. */
    static String text(JsonNode plan, String field) {
        JsonNode value = plan.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
