package io.jenkins.plugins.mesh.engine.rollout;

import io.jenkins.plugins.mesh.engine.DurationText;
import io.jenkins.plugins.mesh.engine.traffic.CanaryMirror;
import io.jenkins.plugins.mesh.engine.traffic.MatchRoute;
import io.jenkins.plugins.mesh.engine.traffic.StickySessions;
import java.time.Duration;
import java.util.List;

/**
 * The phase options as a user types them, the same for `mesh canary` ({@code --mirror 10 --mirror-for 5m --match
 * header:x-canary=true --after-match keep --sticky mesh-canary}) and {@code meshCanary} ({@code mirror: 10,
 * mirrorFor: '5m', match: [...], afterMatch: 'keep', sticky: 'mesh-canary'}), turned into {@link CanaryPhases}.
 * A bad or contradictory value fails with a message that says what to write instead, before anything is read.
 *
 * @param mirrorPercent the share of requests mirrored to the canary, or null for no mirror phase
 * @param mirrorFor the mirror phase's length, or null for one analysis interval
 * @param matches A/B conditions ({@code header:NAME=VALUE}, {@code cookie:NAME=VALUE}), empty for no A/B phase
 * @param matchFor the A/B phase's length, or null for one analysis interval
 * @param afterMatch {@code end}, {@code keep} or {@code remove}; null: end without steps, keep with them
 * @param stickyCookie the cookie keeping users on their version during the weighted steps, or null
 */
public record PhaseOptions(Double mirrorPercent, String mirrorFor, List<String> matches, String matchFor,
        String afterMatch, String stickyCookie) {

    /** No phases. */
    public static final PhaseOptions NONE = new PhaseOptions(null, null, List.of(), null, null, null);

    public PhaseOptions {
        matches = matches == null ? List.of() : matches.stream().filter(m -> m != null && !m.isBlank()).toList();
        mirrorFor = blankToNull(mirrorFor);
        matchFor = blankToNull(matchFor);
        afterMatch = blankToNull(afterMatch);
        stickyCookie = blankToNull(stickyCookie);
    }

    /**
     * What follows the A/B phase: {@link AfterMatch#END} when nothing says otherwise and no steps were given, else
     * {@link AfterMatch#KEEP}.
     *
     * @param stepsGiven whether the user gave weighted steps
     */
    public AfterMatch after(boolean stepsGiven) {
        if (afterMatch != null) {
            return AfterMatch.parse(afterMatch);
        }
        return stepsGiven ? AfterMatch.KEEP : AfterMatch.END;
    }

    /**
     * The phases these options ask for.
     *
     * @param interval the analysis interval, the length of a phase whose own length is not given
     * @param steps the weighted steps the rollout will run (empty when it ends after its phases)
     * @throws IllegalArgumentException when a value is bad or the options contradict each other
     */
    public CanaryPhases phases(Duration interval, List<Integer> steps) {
        if (mirrorPercent == null && mirrorFor != null) {
            throw new IllegalArgumentException("mirror-for " + mirrorFor + " without mirror: give the share to "
                    + "mirror too, e.g. mirror 10");
        }
        if (matches.isEmpty() && (matchFor != null || afterMatch != null)) {
            throw new IllegalArgumentException((matchFor != null ? "match-for" : "after-match") + " without match: "
                    + "give the A/B condition too, e.g. header:x-canary=true");
        }
        CanaryPhases phases = CanaryPhases.NONE;
        if (mirrorPercent != null) {
            phases = phases.withMirror(new MirrorPhase(new CanaryMirror(mirrorPercent),
                    duration("mirror-for", mirrorFor, interval)));
        }
        if (!matches.isEmpty()) {
            AfterMatch after = after(!steps.isEmpty());
            if (after == AfterMatch.END && !steps.isEmpty()) {
                throw new IllegalArgumentException("after-match end ends the rollout after its A/B phase, but steps "
                        + steps + " were given: leave the steps out, or say keep or remove to run them after it");
            }
            if (after != AfterMatch.END && steps.isEmpty()) {
                throw new IllegalArgumentException("after-match " + after.name().toLowerCase(java.util.Locale.ROOT)
                        + " runs weighted steps after the A/B phase: give them, e.g. steps 10,25,50");
            }
            phases = phases.withMatch(new MatchPhase(MatchRoute.parse(matches), duration("match-for", matchFor,
                    interval), after == AfterMatch.KEEP));
        }
        if (stickyCookie != null) {
            phases = phases.withSticky(StickySessions.cookie(stickyCookie));
        }
        return phases;
    }

    /** Whether the A/B phase ends the rollout: then it has no weighted steps. */
    public boolean endsAfterMatch(boolean stepsGiven) {
        return !matches.isEmpty() && after(stepsGiven) == AfterMatch.END;
    }

    private static Duration duration(String option, String text, Duration interval) {
        if (text == null) {
            return interval;
        }
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
