package io.jenkins.plugins.mesh.engine.analysis;

/**
 * One health check of a canary. A check is an immutable value; {@link #spec()} is its text form, which
 * {@link CheckSpecs#parse} turns back into an equal check, so a rollout can persist its checks as strings.
 */
public interface Check {

    /** The text form, e.g. {@code success-rate>=99}. */
    String spec();

    /** The rule in words for reports, e.g. {@code canary success rate >= 99 %}. */
    String threshold();

    /**
     * Reads what the check needs and judges it. Too little data is {@link Verdict#INCONCLUSIVE}, never PASS or
     * FAIL.
     *
     * @throws MetricException when the metrics cannot be read (the caller records it as inconclusive)
     */
    CheckRecord evaluate(CheckContext context) throws MetricException;

    /**
     * Whether the canary must PASS this check to advance (a gate), or whether the check only guards: its FAIL rolls
     * back, but its INCONCLUSIVE does not hold the canary. Absolute checks are gates. Comparisons with the stable
     * version are guards: at low traffic they lack the samples to conclude for a long time, and a healthy canary
     * must not be held, or rolled back, for that (see docs/analysis.md).
     */
    default boolean gatesAdvance() {
        return true;
    }
}
