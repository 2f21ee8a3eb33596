package io.jenkins.plugins.mesh.engine.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;

/**
 * The plan as JSON: {@code {"changes":[{"action","apiVersion","kind","namespace","name","file","line",
 * "diff":[{"path","before","after"}]}],"summary":{"create":n,...}}}; a diff entry held by a rollout adds
 * {@code managedBy}, a drift or conflict adds {@code reason}. The same form the Jenkins step returns as a map.
 */
public final class PlanJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private PlanJson() {
    }

    /** The plan as indented JSON. */
    public static String write(ApplyPlan plan) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan always serialises: " + e.getOriginalMessage(), e);
        }
    }

    /** The plan as maps, lists and scalars (what a Jenkins step returns). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(ApplyPlan plan) {
        return MAPPER.convertValue(plan, Map.class);
    }
}
