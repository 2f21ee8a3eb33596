package io.jenkins.plugins.mesh.engine.kube;

/**
 * A cluster call that could not be made to work: the account lacks a permission (fails at once) or the API server
 * kept failing (after bounded retries). The message names the object and what to do; it never holds a secret.
 */
public final class ClusterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the call failed. */
    public enum Kind {
        /** HTTP 401 or 403: fix the credentials or the Role. */
        FORBIDDEN,
        /** 5xx, 429, timeouts or connection errors, still failing after the last retry. */
        UNAVAILABLE
    }

    private final Kind kind;

    public ClusterException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
