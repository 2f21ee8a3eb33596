package io.jenkins.plugins.mesh.engine.analysis;

import java.util.Optional;

/**
 * What a check's value is measured in and the fixed limits it must keep, for charts that draw the value against its
 * threshold: a success rate in percent with its minimum, a latency in milliseconds with its maximum. Comparisons
 * with the stable version have no fixed limit (it moves with the stable's own numbers), only a unit.
 *
 * @param unit the value's unit for people: {@code %}, {@code ms}, {@code requests/s}, {@code pp} (percentage
 *        points), {@code x} (times as often, the sequential latency comparison), or empty for a custom query's number
 * @param min the lowest passing value, or {@code null}
 * @param max the highest passing value, or {@code null}
 */
public record CheckBounds(String unit, Double min, Double max) {

    private static final CheckBounds UNKNOWN = new CheckBounds("", null, null);

    /** Whether the check has a fixed limit to draw. */
    public boolean hasLimit() {
        return min != null || max != null;
    }

    /**
     * The bounds of the check with this spec as reports name checks, also with a note after it (the comparison over
     * the rollout so far is named {@code error-rate-vs-stable (since the canary started)}); none when it does not
     * parse.
     */
    public static CheckBounds ofSpec(String spec) {
        if (spec == null) {
            return UNKNOWN;
        }
        int note = spec.startsWith("query:") ? -1 : spec.indexOf(" (");
        try {
            Check check = CheckSpecs.parse(note < 0 ? spec : spec.substring(0, note));
            if (check instanceof LatencyBaselineCheck && spec.endsWith(HealthAnalysis.SEQUENTIAL_NOTE)) {
                // the sequential latency comparison reports how many times as often the canary is that slow
                return new CheckBounds("x", null, null);
            }
            return of(check);
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    /** The bounds of a check. */
    public static CheckBounds of(Check check) {
        return boundsOf(check).orElse(UNKNOWN);
    }

    private static Optional<CheckBounds> boundsOf(Check check) {
        if (check instanceof SuccessRateCheck c) {
            return Optional.of(new CheckBounds("%", c.minPercent(), null));
        }
        if (check instanceof LatencyCheck c) {
            return Optional.of(new CheckBounds("ms", null, c.maxMillis()));
        }
        if (check instanceof RequestRateCheck c) {
            return Optional.of(new CheckBounds("requests/s", c.minPerSecond(), null));
        }
        if (check instanceof CustomQueryCheck c) {
            return Optional.of(new CheckBounds("", c.min(), c.max()));
        }
        if (check instanceof LatencyBaselineCheck) {
            return Optional.of(new CheckBounds("ms", null, null));
        }
        if (check instanceof ErrorRateBaselineCheck) {
            return Optional.of(new CheckBounds("pp", null, null));
        }
        return Optional.empty();
    }
}
