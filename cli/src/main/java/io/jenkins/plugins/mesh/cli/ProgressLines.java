package io.jenkins.plugins.mesh.cli;

import io.jenkins.plugins.mesh.engine.DurationText;
import io.jenkins.plugins.mesh.engine.rollout.CheckSummary;
import io.jenkins.plugins.mesh.engine.rollout.RolloutListener;
import io.jenkins.plugins.mesh.engine.rollout.RolloutState;
import io.jenkins.plugins.mesh.engine.rollout.StepAnalysis;
import io.jenkins.plugins.mesh.engine.rollout.TimelineEvent;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;

/**
 * Prints a rollout's story as it happens, one line per timeline event: the time, the canary's weight, what happened
 * and, for an analysis, each check's value against its threshold. Shared by {@code mesh canary} and {@code mesh demo}.
 */
final class ProgressLines implements RolloutListener {

    private final PrintWriter out;
    private final Function<Instant, String> time;
    private volatile StepAnalysis lastAnalysis;

    private ProgressLines(PrintWriter out, Function<Instant, String> time) {
        this.out = out;
        this.time = time;
    }

    /** Lines stamped with the wall-clock time in {@code zone}, e.g. {@code 14:03:05}. */
    static ProgressLines wallClock(PrintWriter out, ZoneId zone) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(zone);
        return new ProgressLines(out, format::format);
    }

    /** Lines stamped with the time since {@code start}, e.g. {@code +1m30s} (for simulated time). */
    static ProgressLines elapsed(PrintWriter out, Instant start) {
        return new ProgressLines(out, at -> "+" + DurationText.format(Duration.between(start, at)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    }

    @Override
    public void onState(RolloutState state) {
        lastAnalysis = state.lastAnalysis();
    }

    @Override
    public void onEvent(TimelineEvent event) {
        String text = event.type() == TimelineEvent.Type.ANALYSIS && lastAnalysis != null
                ? analysis(lastAnalysis) : event.message();
        // A mirror or A/B phase starts with a weight event whose message names the phase.
        boolean phase = event.type() == TimelineEvent.Type.WEIGHT_SET
                && (event.message().startsWith("mirror phase:") || event.message().startsWith("A/B phase:"));
        out.printf(Locale.ROOT, "%-8s canary %3d%%  %-9s %s%n", time.apply(event.at()), event.weight(),
                phase ? "phase" : label(event.type()), text);
        out.flush();
    }

    /** "PASS  success-rate>=99 = 99.9 (canary success rate >= 99 %) PASS; ..." */
    static String analysis(StepAnalysis analysis) {
        StringBuilder line = new StringBuilder(analysis.verdict().toString());
        String separator = "  ";
        for (CheckSummary check : analysis.checks()) {
            line.append(separator).append(check.name()).append(" = ")
                    .append(check.value() == null ? "no value" : number(check.value()))
                    .append(' ').append(check.verdict());
            if (check.verdict() != io.jenkins.plugins.mesh.engine.analysis.Verdict.PASS && check.detail() != null
                    && !check.detail().isBlank()) {
                line.append(" (").append(check.detail()).append(')');
            }
            separator = "; ";
        }
        return line.toString();
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return Long.toString((long) value);
        }
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String label(TimelineEvent.Type type) {
        return switch (type) {
            case PREFLIGHT -> "pre-flight";
            case STARTED -> "start";
            case WEIGHT_SET -> "weight";
            case ANALYSIS -> "analysis";
            case ABORT_REQUESTED -> "abort";
            case ERROR -> "error";
            case PROMOTED -> "promoted";
            case HELD -> "held";
            case RESTORE_STARTED -> "restore";
            case RESTORED -> "restored";
            case RESTORE_FAILED -> "restore!";
            case FINISHED -> "finished";
        };
    }
}
