package io.jenkins.plugins.mesh.plugin.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import io.jenkins.plugins.mesh.engine.rollout.Outcome;
import io.jenkins.plugins.mesh.engine.rollout.RolloutStateJson;
import io.jenkins.plugins.mesh.engine.rollout.TimelineEvent;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

/** Reads the JSON the engine writes for a report, made here by the engine itself, so the field names are its own. */
public class RolloutReportTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private static String engineReport() {
        io.jenkins.plugins.mesh.engine.rollout.RolloutReport report =
                new io.jenkins.plugins.mesh.engine.rollout.RolloutReport(Outcome.ROLLED_BACK,
                        "VirtualService bookinfo/reviews route primary: v1 -> v2",
                        "the canary failed at 25%: success-rate>=99 = 80.1 (>= 99)",
                        List.of(new io.jenkins.plugins.mesh.engine.rollout.RolloutReport.Step(10, T0, Verdict.PASS, 1),
                                new io.jenkins.plugins.mesh.engine.rollout.RolloutReport.Step(25,
                                        T0.plusSeconds(60), Verdict.FAIL, 2)),
                        List.of(new io.jenkins.plugins.mesh.engine.rollout.RolloutReport.Check(T0.plusSeconds(60), 10,
                                        "success-rate>=99", 99.95, ">= 99", Verdict.PASS, "1200 requests"),
                                new io.jenkins.plugins.mesh.engine.rollout.RolloutReport.Check(T0.plusSeconds(120),
                                        25, "latency-p99<=500", null, "<= 500", Verdict.FAIL, "no data")),
                        true, 125_000,
                        List.of(new TimelineEvent(T0, TimelineEvent.Type.WEIGHT_SET, 10, "canary at 10%"),
                                new TimelineEvent(T0.plusSeconds(60), TimelineEvent.Type.WEIGHT_SET, 25,
                                        "canary at 25%"),
                                new TimelineEvent(T0.plusSeconds(125), TimelineEvent.Type.RESTORED, 0,
                                        "routes restored to their snapshot and verified")));
        return new RolloutStateJson().write(report);
    }

    @Test
    public void readsTheEnginesReport() throws Exception {
        RolloutReport report = RolloutReport.parse(engineReport());

        assertThat(report.getOutcome()).isEqualTo("ROLLED_BACK");
        assertThat(report.getTarget()).isEqualTo("VirtualService bookinfo/reviews route primary: v1 -> v2");
        assertThat(report.getReason()).contains("success-rate>=99 = 80.1");
        assertThat(report.isRestored()).isTrue();
        assertThat(report.getDurationText()).isEqualTo("2 min 5 s");
        assertThat(report.getFinalWeight()).isZero();
        assertThat(report.getSteps()).extracting(RolloutReport.StepEntry::getWeight).containsExactly(10, 25);
        assertThat(report.getSteps()).extracting(RolloutReport.StepEntry::getVerdict).containsExactly("PASS", "FAIL");
        assertThat(report.getSteps()).extracting(RolloutReport.StepEntry::getAnalyses).containsExactly(1, 2);
        assertThat(report.getSteps().get(1).getTime()).isEqualTo(T0.plusSeconds(60));
        assertThat(report.getChecks()).extracting(RolloutReport.CheckEntry::getValueText)
                .containsExactly("99.95 %", "no data");
        assertThat(report.getChecks()).extracting(RolloutReport.CheckEntry::getTimeText)
                .containsExactly("+1m00s", "+2m00s");
        assertThat(report.getSteps()).extracting(RolloutReport.StepEntry::getTimeText)
                .containsExactly("+0s", "+1m00s");
        assertThat(report.getTimeline()).extracting(RolloutReport.TimelineEntry::getTypeText)
                .containsExactly("weight set", "weight set", "restored");
        assertThat(report.getOutcomeClass()).isEqualTo("rolled-back");
        assertThat(report.getStartText()).isEqualTo("2026-11-26 10:00:00 UTC");
        assertThat(report.getChecks()).extracting(RolloutReport.CheckEntry::getWeight).containsExactly(10, 25);
        assertThat(report.getChecks().get(0).getDetail()).isEqualTo("1200 requests");
        assertThat(report.getChecks().get(1).getTime()).isEqualTo(T0.plusSeconds(120));
        assertThat(report.getTimeline()).extracting(RolloutReport.TimelineEntry::getType)
                .containsExactly("WEIGHT_SET", "WEIGHT_SET", "RESTORED");
    }

    @Test
    public void theChartsDrawTheWeightsAndEachCheckAgainstItsLimit() throws Exception {
        RolloutReport report = RolloutReport.parse(engineReport());

        assertThat(report.getWeightChartSvg()).startsWith("<svg").contains("3 changes, 2 analyses")
                .contains("success-rate&gt;=99 99.95 % PASS");
        assertThat(report.getCheckCharts()).extracting(RolloutReport.CheckSeries::getName)
                .containsExactly("success-rate>=99", "latency-p99<=500");
        assertThat(report.getCheckCharts().get(0).getSvg()).contains("min 99 %");
        assertThat(report.getCheckCharts().get(1).getSvg()).contains("max 500 ms").contains("no data");
    }

    /** A rollout that failed in its A/B phase after a passed mirror phase, as the engine reports it. */
    private static String phasesReport() {
        String ab = "A/B header:x-canary=exact:true";
        return new RolloutStateJson().write(new io.jenkins.plugins.mesh.engine.rollout.RolloutReport(
                Outcome.ROLLED_BACK, "VirtualService bookinfo/reviews route primary: v1 -> v2",
                "the canary failed in the " + ab + " phase: success-rate>=99 = 80.1 (>= 99)",
                List.of(new io.jenkins.plugins.mesh.engine.rollout.RolloutReport.Step(0, T0, Verdict.PASS, 1,
                                "mirror 20%"),
                        new io.jenkins.plugins.mesh.engine.rollout.RolloutReport.Step(0, T0.plusSeconds(60),
                                Verdict.FAIL, 1, ab)),
                List.of(new io.jenkins.plugins.mesh.engine.rollout.RolloutReport.Check(T0.plusSeconds(60), 0,
                                "success-rate>=99", 99.95, ">= 99", Verdict.PASS, "1200 requests", "mirror 20%"),
                        new io.jenkins.plugins.mesh.engine.rollout.RolloutReport.Check(T0.plusSeconds(90), 0,
                                "success-rate>=99", 80.1, ">= 99", Verdict.FAIL, "300 requests", ab)),
                true, 95_000,
                List.of(new TimelineEvent(T0, TimelineEvent.Type.WEIGHT_SET, 0, "mirror phase: mirror 20% of "
                                + "requests to the canary"),
                        new TimelineEvent(T0.plusSeconds(60), TimelineEvent.Type.WEIGHT_SET, 0, "A/B phase: send "
                                + "requests with header:x-canary=exact:true to the canary"),
                        new TimelineEvent(T0.plusSeconds(95), TimelineEvent.Type.RESTORED, 0,
                                "routes restored to their snapshot and verified"))));
    }

    @Test
    public void phasesShowByTheirNamesAndAsBandsOnTheWeightChart() throws Exception {
        RolloutReport report = RolloutReport.parse(phasesReport());

        assertThat(report.getSteps()).extracting(RolloutReport.StepEntry::getPhase)
                .containsExactly("mirror 20%", "A/B header:x-canary=exact:true");
        assertThat(report.getSteps()).extracting(RolloutReport.StepEntry::getStageText)
                .containsExactly("mirror 20%", "A/B header:x-canary=exact:true");
        assertThat(report.getChecks()).extracting(RolloutReport.CheckEntry::getStageText)
                .containsExactly("mirror 20%", "A/B header:x-canary=exact:true");
        String svg = report.getWeightChartSvg();
        // two bands, the A/B one up to the restore; the dots say the phase, not "at 0 %"
        assertThat(svg.split("<g class=\"mesh-phase-band\"", -1)).hasSize(3);
        assertThat(svg).contains("<title>mirror 20%</title>", "phase (mirror, A/B)",
                "+1m00s in the mirror 20% phase: success-rate&gt;=99 99.95 % PASS",
                "+1m30s in the A/B header:x-canary=exact:true phase")
                .doesNotContain("at 0 %");
    }

    @Test
    public void aWeightedStepHasNoPhaseAndShowsItsWeight() throws Exception {
        RolloutReport report = RolloutReport.parse(engineReport());

        assertThat(report.getSteps()).extracting(RolloutReport.StepEntry::getPhase).containsOnly("");
        assertThat(report.getSteps()).extracting(RolloutReport.StepEntry::getStageText)
                .containsExactly("10 %", "25 %");
        assertThat(report.getChecks()).extracting(RolloutReport.CheckEntry::getStageText)
                .containsExactly("10 %", "25 %");
        assertThat(report.getWeightChartSvg()).doesNotContain("mesh-phase-band");
    }

    @Test
    public void aMinimalReportHasDefaults() throws Exception {
        RolloutReport report = RolloutReport.parse("{}");
        assertThat(report.getOutcome()).isEqualTo("RUNNING");
        assertThat(report.getSteps()).isEmpty();
        assertThat(report.getFinalWeight()).isZero();
        assertThat(report.getWeightChartSvg()).startsWith("<svg");
        assertThat(report.getCheckCharts()).isEmpty();
        assertThat(report.getStartText()).isEmpty();
    }

    @Test
    public void malformedJsonIsAnError() {
        assertThatThrownBy(() -> RolloutReport.parse("{not json")).isInstanceOf(
                com.fasterxml.jackson.core.JsonProcessingException.class);
    }
}
