package io.jenkins.plugins.mesh.plugin.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.Test;

public class RolloutReportTest {

    private static final String REPORT = """
            {"outcome":"rolled-back","target":"shop/reviews","restored":true,"durationMs":125000,
             "steps":[{"weight":10,"time":"2026-11-26T10:00:00Z","verdict":"pass"},
                      {"weight":25,"time":"2026-11-26T10:01:00Z","verdict":"fail"}],
             "checks":[{"name":"successRate","value":99.95,"threshold":">= 99","verdict":"pass",
                        "time":"2026-11-26T10:01:00Z"},
                       {"name":"latencyP99","value":null,"threshold":"<= 500","verdict":"fail","time":1795780920000}],
             "futureField":{"ignored":true}}
            """;

    @Test
    public void readsOutcomeStepsAndChecks() throws Exception {
        RolloutReport report = RolloutReport.parse(REPORT);

        assertThat(report.getOutcome()).isEqualTo("rolled-back");
        assertThat(report.getTarget()).isEqualTo("shop/reviews");
        assertThat(report.isRestored()).isTrue();
        assertThat(report.getDurationText()).isEqualTo("2 min 5 s");
        assertThat(report.getFinalWeight()).isEqualTo(25);
        assertThat(report.getSteps()).extracting(RolloutReport.StepEntry::getWeight).containsExactly(10, 25);
        assertThat(report.getSteps().get(0).getTime()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(report.getChecks()).extracting(RolloutReport.CheckEntry::getValueText)
                .containsExactly("99.950", "no data");
        assertThat(report.getChecks().get(1).getTime()).isEqualTo(Instant.ofEpochMilli(1795780920000L));
    }

    @Test
    public void theTimelineUsesTheStepAndCheckTimes() throws Exception {
        String svg = RolloutReport.parse(REPORT).getTimelineSvg();
        assertThat(svg).startsWith("<svg").contains("<polyline").contains("successRate 99.950 (&gt;= 99): pass");
    }

    @Test
    public void aMinimalReportHasDefaults() throws Exception {
        RolloutReport report = RolloutReport.parse("{}");
        assertThat(report.getOutcome()).isEqualTo("unknown");
        assertThat(report.getSteps()).isEmpty();
        assertThat(report.getFinalWeight()).isZero();
        assertThat(report.getTimelineSvg()).startsWith("<svg");
    }

    @Test
    public void malformedJsonIsAnError() {
        assertThatThrownBy(() -> RolloutReport.parse("{not json")).isInstanceOf(
                com.fasterxml.jackson.core.JsonProcessingException.class);
    }
}
