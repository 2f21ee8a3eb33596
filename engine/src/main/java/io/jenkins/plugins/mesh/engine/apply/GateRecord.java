package io.jenkins.plugins.mesh.engine.apply;

import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import java.time.Instant;

/**
 * One health analysis during the watch.
 *
 * @param at when it ran
 * @param verdict PASS, FAIL or INCONCLUSIVE (never a pass)
 * @param summary each service's checks, after the change against before it
 */
public record GateRecord(Instant at, Verdict verdict, String summary) {
}
