package io.jenkins.plugins.mesh.engine.rollout;

/** When a rollout reads its canary's metrics and decides (docs/analysis.md). */
public enum AnalysisMode {
    /**
     * Once per interval, over the interval: a step waits its whole interval before any verdict, as Flagger and
     * Argo Rollouts do.
     */
    FIXED,
    /**
     * Every few seconds ({@link CanaryPlan#sampleEvery()}), with tests that stay valid however often they are read:
     * a step fails as soon as a regression is shown; otherwise its interval ends it as in {@link #FIXED}, with the
     * sequential verdicts included, so a canary is watched as long as in the fixed mode before it is promoted.
     */
    SEQUENTIAL;

    /** Parses {@code fixed} or {@code sequential}, in any case. */
    public static AnalysisMode parse(String text) {
        for (AnalysisMode mode : values()) {
            if (mode.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("analysis must be 'sequential' or 'fixed', got '" + text + "'");
    }
}
