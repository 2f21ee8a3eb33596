package io.jenkins.plugins.mesh.plugin.steps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.AbortException;
import java.util.Map;

/** Writes a step's parameters as the plan JSON its execution persists instead of any engine object. */
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
}
