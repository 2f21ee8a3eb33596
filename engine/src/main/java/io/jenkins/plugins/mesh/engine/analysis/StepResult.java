package io.jenkins.plugins.mesh.engine.analysis;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The outcome of one analysis step: the combined verdict (any FAIL fails the step; else any INCONCLUSIVE makes it
 * inconclusive; else PASS) and the record of each check. Serialises with Jackson 2 as is.
 *
 * @param verdict the step's verdict, {@link Verdict#combine} of the checks'
 * @param time the evaluation time (ISO-8601, UTC)
 * @param checks one record per check, in the order the checks were given
 */
public record StepResult(Verdict verdict, String time, List<CheckRecord> checks) {

    public StepResult {
        Objects.requireNonNull(verdict, "verdict");
        checks = List.copyOf(checks);
    }

    /** Combines the records of one step. A step with no checks is INCONCLUSIVE: nothing was judged. */
    public static StepResult of(String time, List<CheckRecord> checks) {
        Verdict verdict = checks.isEmpty() ? Verdict.INCONCLUSIVE
                : Verdict.combine(checks.stream().map(CheckRecord::verdict).collect(Collectors.toList()));
        return new StepResult(verdict, time, checks);
    }

    /** The records with this verdict. */
    public List<CheckRecord> withVerdict(Verdict wanted) {
        return checks.stream().filter(c -> c.verdict() == wanted).collect(Collectors.toList());
    }

    /** Several lines for a build log: the step's verdict, then one line per check. */
    public String summary() {
        StringBuilder out = new StringBuilder("analysis at ").append(time).append(": ").append(verdict);
        for (CheckRecord check : checks) {
            out.append("\n  ").append(check.summary());
        }
        return out.toString();
    }
}
