package io.jenkins.plugins.mesh.engine.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.mesh.engine.StateJson;

/**
 * Reads and writes {@link ApplyState} as JSON: what a Jenkins step persists after every tick and a resumed build
 * reads back. Times are ISO-8601 strings; unknown fields are ignored.
 */
public final class ApplyStateJson {

    private final ObjectMapper mapper = StateJson.mapper();

    public String write(ApplyState state) {
        try {
            return mapper.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the apply state: " + e.getOriginalMessage(), e);
        }
    }

    public ApplyState read(String json) {
        try {
            return mapper.readValue(json, ApplyState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the stored apply state is not readable: " + e.getOriginalMessage()
                    + "; revert with mesh rollback --apply, which reads the snapshots from the Leases", e);
        }
    }
}
