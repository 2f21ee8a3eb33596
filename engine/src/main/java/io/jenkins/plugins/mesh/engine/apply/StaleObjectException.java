package io.jenkins.plugins.mesh.engine.apply;

/** A write was refused because the object changed since it was read (HTTP 409): re-read, re-decide. */
public final class StaleObjectException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StaleObjectException(String message, Throwable cause) {
        super(message, cause);
    }
}
