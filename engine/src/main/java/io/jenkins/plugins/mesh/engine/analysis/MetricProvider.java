package io.jenkins.plugins.mesh.engine.analysis;

import java.time.Instant;

/**
 * A metric backend that evaluates one query at one instant. Prometheus is the first; Datadog, New Relic or a generic
 * JSON endpoint fit the same shape. Implementations are thread-safe and keep no state between queries.
 */
public interface MetricProvider {

    /**
     * Evaluates {@code query} at {@code at}.
     *
     * @return the samples, possibly none (no data is not an error)
     * @throws MetricException when the server is unreachable, refuses the credentials or rejects the query; the
     *         message says which and never holds a credential
     */
    QueryResult query(String query, Instant at) throws MetricException;

    /** Where the metrics come from, for messages and reports, e.g. {@code Prometheus at https://prom:9090}. */
    String describe();
}
