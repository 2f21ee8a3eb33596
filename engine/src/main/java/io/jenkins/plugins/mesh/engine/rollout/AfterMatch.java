package io.jenkins.plugins.mesh.engine.rollout;

/** What follows a rollout's A/B phase once it passed. */
public enum AfterMatch {
    /** Nothing: the rollout ends (promotes or holds) after the A/B phase; it has no weighted steps. */
    END,
    /** The weighted steps, with the A/B route kept: matched users stay on the canary until the end. */
    KEEP,
    /** The weighted steps, with the A/B route taken away first: every user follows the weights. */
    REMOVE;

    /** Parses {@code end}, {@code keep} or {@code remove}, in any case. */
    public static AfterMatch parse(String text) {
        for (AfterMatch choice : values()) {
            if (choice.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return choice;
            }
        }
        throw new IllegalArgumentException("after-match must be 'end', 'keep' or 'remove', got '" + text + "'");
    }
}
