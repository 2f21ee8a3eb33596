package io.jenkins.plugins.mesh.engine.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jenkins.plugins.mesh.engine.analysis.CheckRecord;
import io.jenkins.plugins.mesh.engine.analysis.PromQl;
import io.jenkins.plugins.mesh.engine.analysis.StepResult;
import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import java.util.List;

/**
 * What one analysis of the current traffic found: the two versions, the window, each check's verdict and value,
 * the combined verdict and whether it fails by the request's {@link FailOn}. Plain strings, numbers and lists: it
 * serialises with Jackson 2 as is (the JSON of {@code mesh analyze --format json} and the value {@code meshAnalyze}
 * returns).
 *
 * @param target what was analysed, e.g. {@code VirtualService bookinfo/reviews: reviews:v1 -> reviews:v2}
 * @param stable the stable version's metric selector
 * @param canary the canary's metric selector
 * @param time the end of the window (ISO-8601, UTC)
 * @param window the window as a PromQL duration, e.g. {@code 60s}
 * @param reporter Istio's reporter read
 * @param verdict PASS, FAIL or INCONCLUSIVE: a failed check fails it; it passes when every gating check passed
 * @param failOn {@code fail}, {@code inconclusive} or {@code never}
 * @param failed whether the verdict fails by {@code failOn}
 * @param checks one record per check: verdict, value, reason, the numbers and queries behind it
 */
public record AnalysisReport(String target, String stable, String canary, String time, String window,
        String reporter, Verdict verdict, String failOn, boolean failed, List<CheckRecord> checks) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public AnalysisReport {
        checks = List.copyOf(checks);
    }

    static AnalysisReport of(CurrentTrafficAnalysis analysis, StepResult result) {
        AnalysisRequest request = analysis.request();
        return new AnalysisReport(analysis.describe(), analysis.stable().toString(), analysis.canary().toString(),
                result.time(), PromQl.duration(request.window()), request.reporter().labelValue(), result.verdict(),
                request.failOn().word(), request.failOn().fails(result.verdict()), result.checks());
    }

    /** Whether no check could read its metrics: the metric server is unreachable or refuses, not the canary. */
    public boolean metricsUnavailable() {
        return !checks.isEmpty() && checks.stream().allMatch(c -> c.error() != null);
    }

    /** The report as indented JSON. */
    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the analysis report", e);
        }
    }
}
