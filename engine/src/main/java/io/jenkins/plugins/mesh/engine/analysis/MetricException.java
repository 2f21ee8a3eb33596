package io.jenkins.plugins.mesh.engine.analysis;

/**
 * A metric could not be read: the metric server was unreachable, refused the credentials, or rejected the query.
 * The message says which, with the server's own words, and never holds a credential.
 */
public class MetricException extends Exception {

    private static final long serialVersionUID = 1L;

    public MetricException(String message) {
        super(message);
    }

    public MetricException(String message, Throwable cause) {
        super(message, cause);
    }
}
