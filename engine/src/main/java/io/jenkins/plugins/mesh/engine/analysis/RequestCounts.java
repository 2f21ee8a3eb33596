package io.jenkins.plugins.mesh.engine.analysis;

/**
 * Requests one version served over an analysis window, and how many of them failed with a 5xx code. Counts are
 * doubles because Prometheus' {@code increase()} extrapolates to the window's edges.
 *
 * @param total all requests, {@code >= 0}
 * @param errors requests answered with a 5xx code, {@code 0 <= errors <= total}
 */
public record RequestCounts(double total, double errors) {

    /** No requests at all: too little traffic to judge. */
    public static final RequestCounts NONE = new RequestCounts(0, 0);

    public RequestCounts {
        if (!(total >= 0) || Double.isInfinite(total)) {
            throw new IllegalArgumentException("request total must be a finite number >= 0, got " + total);
        }
        if (!(errors >= 0) || errors > total) {
            throw new IllegalArgumentException("errors must be between 0 and the total " + total + ", got " + errors);
        }
    }

    /** Share of requests that did not fail, in [0, 1]; NaN when there were no requests. */
    public double successRatio() {
        return total == 0 ? Double.NaN : 1 - errors / total;
    }
}
