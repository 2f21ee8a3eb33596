package io.jenkins.plugins.mesh.engine.traffic;

import java.util.Objects;

/**
 * Who changes traffic: the Lease holder identity (a build URL, or {@code user@host} for the command line) and an
 * optional build description for audit events ({@code shop-deploy #42}).
 */
public record Holder(String identity, String build) {

    public Holder {
        Objects.requireNonNull(identity, "holder identity");
        if (identity.isBlank()) {
            throw new IllegalArgumentException("the holder identity is empty");
        }
        build = build == null || build.isBlank() ? null : build;
    }

    /** A command-line user on a machine. */
    public static Holder localUser(String user, String host) {
        return new Holder(user + "@" + host, null);
    }

    /** {@code identity (build)} for messages and events. */
    @Override
    public String toString() {
        return build == null ? identity : identity + " (" + build + ")";
    }
}
