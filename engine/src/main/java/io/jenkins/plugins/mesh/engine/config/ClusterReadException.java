package io.jenkins.plugins.mesh.engine.config;

/** Live objects could not be read (no access, cluster unreachable); the message says what to check. */
public final class ClusterReadException extends Exception {

    private static final long serialVersionUID = 1L;

    public ClusterReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
