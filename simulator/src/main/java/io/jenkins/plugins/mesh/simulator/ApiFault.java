package io.jenkins.plugins.mesh.simulator;

/** A failure the {@link FaultInjectingProxy} can put between a client and the Kubernetes API server. */
public enum ApiFault {
    /** 409 Conflict, as when someone else updated the object first (writes only). */
    CONFLICT,
    /** 500 Internal Server Error. */
    INTERNAL_ERROR,
    /** 503 Service Unavailable, as during an API server restart. */
    UNAVAILABLE,
    /** The connection is closed without an answer; the request never reached the server. */
    DROP,
    /**
     * The request is held past the client's timeout, then forwarded: the client gave up, but the server applied
     * it. The nastiest case for a writer, which must not assume its write failed.
     */
    SLOW
}
