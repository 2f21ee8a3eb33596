package io.jenkins.plugins.mesh.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.Test;

/** The rollout persists step results as JSON with a plain Jackson 2 mapper: they must round-trip exactly. */
public class AnalysisRecordJsonTest {

    @Test
    public void stepResultsRoundTripThroughJacksonWithNullsAndNan() throws Exception {
        FixedMeshObserver mesh = new FixedMeshObserver()
                .counts(ChecksTest.CANARY, 3600, 108).counts(ChecksTest.STABLE, 3600, 3)
                .latency(ChecksTest.CANARY, 0.99, Double.POSITIVE_INFINITY);
        StepResult result = HealthAnalysis.of(List.of("success-rate>=99", "latency-p99<=500", "error-rate-vs-stable",
                "query:db:..1:sum(db_errors)"), Duration.ofSeconds(60), 50)
                .evaluate(mesh, null, ChecksTest.STABLE, ChecksTest.CANARY, ChecksTest.AT);
        StepResult withNan = new StepResult(result.verdict(), result.time(), List.of(new CheckRecord("query:x:..1:y",
                "x <= 1", Verdict.INCONCLUSIVE, Double.NaN, "query returned NaN", result.time(), "60s",
                List.of(new Measurement("x", "y", Double.NaN)), null)));
        ObjectMapper mapper = new ObjectMapper();

        for (StepResult original : List.of(result, withNan)) {
            String json = mapper.writeValueAsString(original);
            StepResult back = mapper.readValue(json, StepResult.class);
            assertThat(back).isEqualTo(original);
        }
        String json = mapper.writeValueAsString(result);
        assertThat(json).contains("\"verdict\":\"FAIL\"").contains("\"time\":\"2026-11-26T12:00:00Z\"")
                .contains("\"query\":\"requests of shop/reviews@v2 over 60s\"").contains("\"value\":null");
        assertThat(mapper.readValue(json, StepResult.class).checks().get(0).instant()).isEqualTo(ChecksTest.AT);
    }
}
