package io.jenkins.plugins.mesh.engine.traffic;

import java.util.regex.Pattern;

/**
 * Sticky sessions during the weighted steps, the way Flagger makes them: each version's answers set cookie
 * {@code cookie} to a value of its own (drawn for this rollout), and two routes ahead of the managed one send a
 * request carrying one of those values back to the version that set it. A user who was served by the canary stays
 * on the canary, a user served by the stable stays on the stable; new users are split by the weights. Nothing else
 * changes: the DestinationRule is not touched (see docs/traffic.md for why consistent hashing cannot do this).
 *
 * @param cookie the cookie's name, an HTTP token
 * @param maxAgeSeconds how long browsers keep the cookie ({@code Max-Age}), at least 1 second
 */
public record StickySessions(String cookie, long maxAgeSeconds) implements RouteChange {

    static final String KIND = "sticky";
    /** Flagger's default: a day. */
    public static final long DEFAULT_MAX_AGE_SECONDS = 86_400;
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    public StickySessions {
        if (cookie == null || !TOKEN.matcher(cookie).matches()) {
            throw new IllegalArgumentException("'" + cookie + "' is not a valid cookie name: use letters, digits and "
                    + "!#$%&'*+-.^_`|~ only, e.g. mesh-canary");
        }
        if (maxAgeSeconds < 1) {
            throw new IllegalArgumentException("the sticky cookie must live at least 1 second, got " + maxAgeSeconds);
        }
    }

    /** Sticky sessions with cookie {@code cookie} kept for a day. */
    public static StickySessions cookie(String cookie) {
        return new StickySessions(cookie, DEFAULT_MAX_AGE_SECONDS);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String describe() {
        return "keep each user on the version that served them (cookie " + cookie + ")";
    }
}
