package io.jenkins.plugins.mesh.engine.analysis;

/**
 * How many of a version's requests were slower than a latency histogram's bucket edge.
 *
 * @param edgeMillis the bucket edge, in milliseconds
 * @param total all requests
 * @param slower of those, the ones slower than the edge
 */
public record TailCounts(double edgeMillis, double total, double slower) {

    public TailCounts {
        if (!(total >= 0) || Double.isInfinite(total)) {
            throw new IllegalArgumentException("request total must be a finite number >= 0, got " + total);
        }
        slower = Math.max(0, Math.min(slower, total));
    }
}
