package io.jenkins.plugins.mesh.engine.analysis;

import java.util.Locale;

/**
 * Which proxy's report of a request to count. Every request is reported by both ends, so queries must pick one or
 * count twice. The server side ({@link #DESTINATION}) sees every request that reached the version; in ambient mode
 * there is no server-side sidecar, so use {@link #SOURCE} or {@link #WAYPOINT}.
 */
public enum Reporter {
    DESTINATION,
    SOURCE,
    WAYPOINT;

    /** The value of Istio's {@code reporter} label. */
    public String labelValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code destination}, {@code source} or {@code waypoint}, any case. */
    public static Reporter parse(String text) {
        for (Reporter reporter : values()) {
            if (reporter.labelValue().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return reporter;
            }
        }
        throw new IllegalArgumentException("reporter '" + text + "' is not one of destination, source, waypoint");
    }
}
