package io.jenkins.plugins.mesh.engine.rollout;

import io.jenkins.plugins.mesh.engine.analysis.Verdict;

/**
 * One health check's result in the rollout's record: what was measured, against what, and the verdict.
 *
 * @param name the check, e.g. {@code success-rate>=99}
 * @param value the measured value, or null when there was none (no traffic, metric server unreachable)
 * @param threshold the rule it was held to, as the user wrote it or the baseline it was compared with
 * @param verdict PASS, FAIL or INCONCLUSIVE
 * @param detail why, in a sentence (the query, sample size, p-value ...)
 */
public record CheckSummary(String name, Double value, String threshold, Verdict verdict, String detail) {
}
