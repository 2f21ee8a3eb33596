package io.jenkins.plugins.mesh.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.Test;

/** Absolute checks gate advancement; comparisons with the stable version only guard against regressions. */
public class GatesAndGuardsTest {

    private static CheckRecord record(String check, Verdict verdict) {
        return new CheckRecord(check, "t", verdict, null, "r", "2026-01-01T00:00:00Z", "60s", List.of(), null);
    }

    private static Verdict step(Verdict gate, Verdict guard) {
        return StepResult.of("t", List.of(record("success-rate>=95", gate), record("error-rate-vs-stable", guard)),
                List.of(true, false)).verdict();
    }

    @Test
    public void aGuardThatCannotConcludeDoesNotHoldAPassingGate() {
        assertThat(step(Verdict.PASS, Verdict.INCONCLUSIVE)).isEqualTo(Verdict.PASS);
        assertThat(step(Verdict.PASS, Verdict.PASS)).isEqualTo(Verdict.PASS);
    }

    @Test
    public void aGuardThatFailsFailsTheStep() {
        assertThat(step(Verdict.PASS, Verdict.FAIL)).isEqualTo(Verdict.FAIL);
        assertThat(step(Verdict.INCONCLUSIVE, Verdict.FAIL)).isEqualTo(Verdict.FAIL);
    }

    @Test
    public void anInconclusiveGateHoldsTheCanary() {
        assertThat(step(Verdict.INCONCLUSIVE, Verdict.PASS)).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(step(Verdict.FAIL, Verdict.PASS)).isEqualTo(Verdict.FAIL);
    }

    @Test
    public void withoutAnyGateTheGuardsGate() {
        StepResult onlyGuards = StepResult.of("t", List.of(record("error-rate-vs-stable", Verdict.INCONCLUSIVE)),
                List.of(false));
        assertThat(onlyGuards.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    public void checksDeclareTheirRole() {
        List<Check> checks = CheckSpecs.parseAll(List.of("success-rate>=95", "latency-p99<=500", "request-rate>=1",
                "error-rate-vs-stable", "latency-p99-vs-stable<=1.5x"));
        assertThat(checks).extracting(Check::gatesAdvance).containsExactly(true, true, true, false, false);
    }
}
