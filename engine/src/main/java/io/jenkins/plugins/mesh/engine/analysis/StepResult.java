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

    /** Combines the records of one step where every check gates. A step with no checks is INCONCLUSIVE. */
    public static StepResult of(String time, List<CheckRecord> checks) {
        return of(time, checks, java.util.Collections.nCopies(checks.size(), Boolean.TRUE));
    }

    /**
     * Combines the records of one step where only gating checks must pass: any FAIL fails the step; else the step
     * passes when every gate passed (guards may be inconclusive); else it is inconclusive. With no gate at all,
     * every check gates.
     *
     * @param gates for each record, whether its check gates advancement ({@link Check#gatesAdvance()})
     */
    public static StepResult of(String time, List<CheckRecord> checks, List<Boolean> gates) {
        if (gates.size() != checks.size()) {
            throw new IllegalArgumentException("one gate flag per check record is needed");
        }
        boolean anyGate = gates.contains(Boolean.TRUE);
        List<Verdict> judged = new java.util.ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            Verdict verdict = checks.get(i).verdict();
            judged.add(!anyGate || gates.get(i) || verdict == Verdict.FAIL ? verdict : Verdict.PASS);
        }
        Verdict verdict = checks.isEmpty() ? Verdict.INCONCLUSIVE : Verdict.combine(judged);
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
