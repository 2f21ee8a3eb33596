package io.jenkins.plugins.mesh.engine.traffic;

/**
 * Why a traffic operation stopped. The message names the object and says what to do next; it never holds a secret.
 * {@link #reason()} lets callers map it to an exit code or a build result.
 */
public final class TrafficException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, coarse enough to decide what to do. */
    public enum Reason {
        /** The object or route is missing, ambiguous or not manageable; nothing was written. */
        INVALID,
        /** Another holder has an active lease on the route. */
        LOCKED,
        /** The lease's holder stopped renewing: restore with rollback, or take over. */
        STALE_LEASE,
        /** No lease (no rollout in progress) where one is needed, or the lease was lost. */
        NO_LEASE,
        /** Someone else changed the weights this engine manages; nothing of theirs was overwritten. */
        CONFLICT,
        /** A restore could not complete; the Lease says so until a rollback succeeds. */
        RESTORE_PENDING,
        /** The account lacks a permission (HTTP 401/403). */
        FORBIDDEN,
        /** The API server kept failing after bounded retries. */
        UNAVAILABLE
    }

    private final Reason reason;

    public TrafficException(Reason reason, String message) {
        this(reason, message, null);
    }

    public TrafficException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
