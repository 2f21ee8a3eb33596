package io.jenkins.plugins.mesh.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.Test;

public class ValidationReportTest {

    private static Finding finding(Severity severity) {
        return new Finding(FindingCode.IST0101, severity, "VirtualService", "shop", "reviews", "vs.yaml", 3,
                "a " + severity.label());
    }

    @Test
    public void failsAtTheThresholdAndAboveOnly() {
        ValidationReport warnings = new ValidationReport(2, List.of(finding(Severity.WARNING),
                finding(Severity.INFO)));
        assertThat(warnings.failsAt(Severity.ERROR)).isFalse();
        assertThat(warnings.failsAt(Severity.WARNING)).isTrue();
        assertThat(warnings.failsAt(Severity.INFO)).isTrue();

        ValidationReport errors = new ValidationReport(1, List.of(finding(Severity.ERROR)));
        assertThat(errors.failsAt(Severity.ERROR)).isTrue();
        assertThat(errors.failsAt(Severity.WARNING)).isTrue();

        ValidationReport infos = new ValidationReport(1, List.of(finding(Severity.INFO)));
        assertThat(infos.failsAt(Severity.WARNING)).isFalse();
        assertThat(infos.failsAt(Severity.INFO)).isTrue();
        assertThat(new ValidationReport(0, List.of()).failsAt(Severity.INFO)).isFalse();
    }
}
