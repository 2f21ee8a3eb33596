package io.jenkins.plugins.mesh.engine.rollout;

import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import java.util.Locale;

/**
 * When an analysis of the current traffic ({@code mesh analyze}, {@code meshAnalyze}) fails the command or the
 * stage. The verdict is the step's: a check that only guards (a comparison with the stable version) being
 * inconclusive does not make it inconclusive, as in a rollout.
 */
public enum FailOn {
    /** Only a failed check fails; an inconclusive analysis (too little traffic, no metrics) passes, with a warning. */
    FAIL,
    /** Anything but a pass fails: the safe gate, and the default, since no data is not good news. */
    INCONCLUSIVE,
    /** Never fails: report only, for pipelines that decide themselves from the returned verdicts. */
    NEVER;

    /** The default: fail unless the analysis passed. */
    public static final FailOn DEFAULT = INCONCLUSIVE;

    /** Whether an analysis with this verdict fails. */
    public boolean fails(Verdict verdict) {
        return switch (this) {
            case FAIL -> verdict == Verdict.FAIL;
            case INCONCLUSIVE -> verdict != Verdict.PASS;
            case NEVER -> false;
        };
    }

    /** {@code fail}, {@code inconclusive} or {@code never}, any case. */
    public static FailOn parse(String text) {
        String wanted = text == null ? "" : text.strip();
        for (FailOn value : values()) {
            if (value.name().equalsIgnoreCase(wanted)) {
                return value;
            }
        }
        throw new IllegalArgumentException("fail-on '" + wanted + "' is not one of fail (only a failed check fails), "
                + "inconclusive (anything but a pass fails) or never (report only)");
    }

    /** The lower-case word users write. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
