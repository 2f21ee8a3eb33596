package io.jenkins.plugins.mesh.engine.analysis;

/** What one health check, or one analysis step, concluded. */
public enum Verdict {
    /** The canary is healthy by this check. */
    PASS,
    /** The canary is unhealthy by this check. */
    FAIL,
    /** Not enough data to judge (no traffic, too few requests, NaN, metric server unreachable): never PASS. */
    INCONCLUSIVE;

    /** Combines verdicts of one step: any FAIL fails it; else any INCONCLUSIVE makes it inconclusive. */
    public static Verdict combine(Iterable<Verdict> verdicts) {
        Verdict result = PASS;
        for (Verdict verdict : verdicts) {
            if (verdict == FAIL) {
                return FAIL;
            }
            if (verdict == INCONCLUSIVE) {
                result = INCONCLUSIVE;
            }
        }
        return result;
    }
}
