package io.jenkins.plugins.mesh.engine.rollout;

import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import java.time.Instant;
import java.util.List;

/**
 * The analysis of one step: when, at which canary weight, the combined verdict and each check's result.
 *
 * @param at when the metrics were read (the end of the analysis window)
 * @param weight the canary weight in force during the window
 * @param verdict the step's verdict (any FAIL fails it, else any INCONCLUSIVE makes it inconclusive)
 * @param checks each check's result
 * @param phase the phase analysed ("mirror 10%", "A/B header:x-canary=true"), or null for a weighted step
 */
public record StepAnalysis(Instant at, int weight, Verdict verdict, List<CheckSummary> checks, String phase) {

    public StepAnalysis {
        checks = List.copyOf(checks);
    }

    /** The analysis of a weighted step. */
    public StepAnalysis(Instant at, int weight, Verdict verdict, List<CheckSummary> checks) {
        this(at, weight, verdict, checks, null);
    }

    /** The same analysis, of the phase {@code label} (null: a weighted step). */
    public StepAnalysis inPhase(String label) {
        return new StepAnalysis(at, weight, verdict, checks, label);
    }

    /** An analysis that could not read any metric, e.g. because the metric server was unreachable. */
    public static StepAnalysis unavailable(Instant at, int weight, String why) {
        return new StepAnalysis(at, weight, Verdict.INCONCLUSIVE,
                List.of(new CheckSummary("metrics", null, "readable", Verdict.INCONCLUSIVE, why)));
    }

    /** The failed checks, each as "name = value (threshold)", for messages. */
    public String failures() {
        StringBuilder out = new StringBuilder();
        for (CheckSummary check : checks) {
            if (check.verdict() == Verdict.FAIL) {
                if (out.length() > 0) {
                    out.append("; ");
                }
                out.append(check.name()).append(" = ").append(check.value() == null ? "no value" : format(check.value()))
                        .append(" (").append(check.threshold()).append(")");
            }
        }
        return out.toString();
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : String.format(java.util.Locale.ROOT, "%.4g", value);
    }
}
