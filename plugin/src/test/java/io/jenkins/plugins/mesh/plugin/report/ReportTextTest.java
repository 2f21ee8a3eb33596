package io.jenkins.plugins.mesh.plugin.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.Test;

public class ReportTextTest {

    @Test
    public void timesAreRelativeToTheStart() {
        assertThat(ReportText.relative(0)).isEqualTo("+0s");
        assertThat(ReportText.relative(44_600)).isEqualTo("+45s");
        assertThat(ReportText.relative(65_000)).isEqualTo("+1m05s");
        assertThat(ReportText.relative(3_725_000)).isEqualTo("+1h02m");
        assertThat(ReportText.tick(90_000)).isEqualTo("+1m30s");
        assertThat(ReportText.tick(120_000)).isEqualTo("+2m");
        assertThat(ReportText.absolute(Instant.parse("2026-11-26T10:00:05.123456789Z")))
                .isEqualTo("2026-11-26 10:00:05 UTC");
    }

    @Test
    public void valuesAreRoundedForTheirUnit() {
        assertThat(ReportText.value(97.5312, "%")).isEqualTo("97.5 %");
        assertThat(ReportText.value(99.9512, "%")).isEqualTo("99.95 %");
        assertThat(ReportText.value(123.456, "ms")).isEqualTo("123 ms");
        assertThat(ReportText.value(4.56, "ms")).isEqualTo("4.6 ms");
        assertThat(ReportText.value(8.808, "requests/s")).isEqualTo("8.81 requests/s");
        assertThat(ReportText.value(0.3512, "pp")).isEqualTo("+0.35 pp");
        assertThat(ReportText.value(12345.6, "")).isEqualTo("12346");
        assertThat(ReportText.value(Double.NaN, "%")).isEqualTo("NaN");
        assertThat(ReportText.limit(99, "%")).isEqualTo("99 %");
        assertThat(ReportText.duration(250_000)).isEqualTo("4 min 10 s");
    }
}
