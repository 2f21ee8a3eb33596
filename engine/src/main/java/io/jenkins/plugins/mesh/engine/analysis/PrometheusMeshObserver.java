package io.jenkins.plugins.mesh.engine.analysis;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Reads one version's traffic from Istio's standard metrics in Prometheus, with the query shapes Flagger uses for
 * Istio, split per version by the selector's {@link VersionLabel}:
 * <pre>
 * sum(increase(istio_requests_total{reporter="destination",destination_workload_namespace="shop",
 *     destination_service_name="reviews",destination_version="v2"}[60s]))
 * histogram_quantile(0.99, sum(rate(istio_request_duration_milliseconds_bucket{...}[60s])) by (le))
 * </pre>
 * Errors are the same count restricted to {@code response_code=~"5.*"}. Every label value is escaped.
 */
public final class PrometheusMeshObserver implements MeshObserver {

    /** Istio's request counter. */
    public static final String REQUESTS_METRIC = "istio_requests_total";
    /** The buckets of Istio's request duration histogram, in milliseconds. */
    public static final String DURATION_BUCKETS_METRIC = "istio_request_duration_milliseconds_bucket";

    private final MetricProvider metrics;
    private final Reporter reporter;

    /**
     * @param metrics the Prometheus to query
     * @param reporter whose reports to count: {@link Reporter#DESTINATION} with sidecars, {@link Reporter#SOURCE}
     *        or {@link Reporter#WAYPOINT} in ambient mode
     */
    public PrometheusMeshObserver(MetricProvider metrics, Reporter reporter) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.reporter = Objects.requireNonNull(reporter, "reporter");
    }

    /** Counts the server side's reports (sidecar mode). */
    /** How far back {@link #requestRate} looks for the last two scrapes. */
    public static final Duration RATE_LOOKBACK = Duration.ofMinutes(5);

    public PrometheusMeshObserver(MetricProvider metrics) {
        this(metrics, Reporter.DESTINATION);
    }

    /** The label matchers that select {@code version}'s requests as seen by the reporter, without braces. */
    public String matchers(VersionSelector version) {
        StringBuilder out = new StringBuilder()
                .append("reporter=").append(PromQl.quoted(reporter.labelValue()))
                .append(",destination_workload_namespace=").append(PromQl.quoted(version.namespace()));
        if (!version.label().identifiesService()) {
            out.append(",destination_service_name=").append(PromQl.quoted(version.service()));
        }
        return out.append(',').append(version.label().promLabel()).append('=').append(PromQl.quoted(version.version()))
                .toString();
    }

    @Override
    public String describeRequests(VersionSelector version, Duration window) {
        return "sum(increase(" + REQUESTS_METRIC + "{" + matchers(version) + "}[" + PromQl.duration(window) + "]))";
    }

    @Override
    public String describeErrors(VersionSelector version, Duration window) {
        return "sum(increase(" + REQUESTS_METRIC + "{" + matchers(version) + ",response_code=~\"5.*\"}["
                + PromQl.duration(window) + "]))";
    }

    @Override
    public String describeLatency(VersionSelector version, double quantile, Duration window) {
        if (!(quantile > 0 && quantile < 1)) {
            throw new IllegalArgumentException("a latency quantile lies strictly between 0 and 1, got " + quantile);
        }
        return "histogram_quantile(" + BigDecimal.valueOf(quantile).stripTrailingZeros().toPlainString()
                + ", sum(rate(" + DURATION_BUCKETS_METRIC + "{" + matchers(version) + "}[" + PromQl.duration(window)
                + "])) by (le))";
    }

    @Override
    public RequestCounts requests(VersionSelector version, Duration window, Instant at) throws MetricException {
        String totalQuery = describeRequests(version, window);
        OptionalDouble total = count(totalQuery, at);
        if (total.isEmpty() || total.getAsDouble() == 0) {
            return RequestCounts.NONE;
        }
        // No 5xx series at all is the common healthy case: zero errors, not missing data.
        double errors = count(describeErrors(version, window), at).orElse(0);
        // Both counts are extrapolated separately; keep their ratio meaningful.
        return new RequestCounts(total.getAsDouble(), Math.min(errors, total.getAsDouble()));
    }

    /**
     * {@code sum(irate(istio_requests_total{...}[5m]))}: the rate between the last two scrapes. The range is only
     * how far back those two may lie, so it is at least {@link #RATE_LOOKBACK}: with a scrape interval of 30 s or a
     * minute, a one-minute range would often hold a single scrape and read as no traffic.
     */
    @Override
    public double requestRate(VersionSelector version, Duration window, Instant at) throws MetricException {
        Duration range = window.compareTo(RATE_LOOKBACK) > 0 ? window : RATE_LOOKBACK;
        String query = "sum(irate(" + REQUESTS_METRIC + "{" + matchers(version) + "}[" + PromQl.duration(range)
                + "]))";
        return count(query, at).orElse(0);
    }

    private OptionalDouble count(String query, Instant at) throws MetricException {
        QueryResult result = metrics.query(query, at);
        if (result.isEmpty()) {
            return OptionalDouble.empty();
        }
        OptionalDouble value = result.single();
        if (value.isEmpty()) {
            throw new MetricException(metrics.describe() + " returned " + result.samples().size()
                    + " series for " + query + ", expected one");
        }
        double count = value.getAsDouble();
        if (Double.isNaN(count)) {
            return OptionalDouble.empty();
        }
        if (Double.isInfinite(count) || count < 0) {
            throw new MetricException(metrics.describe() + " returned " + count + " for " + query
                    + "; a request count must be a finite number >= 0");
        }
        return value;
    }

    @Override
    public OptionalDouble latencyMillis(VersionSelector version, double quantile, Duration window, Instant at)
            throws MetricException {
        String query = describeLatency(version, quantile, window);
        OptionalDouble value = metrics.query(query, at).single();
        // NaN (no requests in the window) and +Inf (the quantile lies in the +Inf bucket) carry no usable number.
        if (value.isEmpty() || !Double.isFinite(value.getAsDouble()) || value.getAsDouble() < 0) {
            return OptionalDouble.empty();
        }
        return value;
    }

    /**
     * Reads every bucket of the version's duration histogram with one query,
     * {@code sum by (le) (increase(istio_request_duration_milliseconds_bucket{...}[60s]))}, and counts the requests
     * above the chosen edge: the +Inf bucket's count minus the edge's.
     */
    @Override
    public TailCounts slowerThan(VersionSelector version, double millis, Duration window, Instant at)
            throws MetricException {
        String query = "sum by (le) (increase(" + DURATION_BUCKETS_METRIC + "{" + matchers(version) + "}["
                + PromQl.duration(window) + "]))";
        java.util.TreeMap<Double, Double> buckets = new java.util.TreeMap<>();
        double total = 0;
        for (QueryResult.Sample sample : metrics.query(query, at).samples()) {
            String le = sample.labels().get("le");
            if (le == null || !Double.isFinite(sample.value())) {
                continue;
            }
            double edge;
            try {
                edge = Double.parseDouble(le);
            } catch (NumberFormatException e) {
                throw new MetricException(metrics.describe() + " returned a bucket le=\"" + le + "\" for " + query
                        + "; expected a number", e);
            }
            if (Double.isInfinite(edge)) {
                total = sample.value();
            } else {
                buckets.put(edge, sample.value());
            }
        }
        if (buckets.isEmpty() || total <= 0) {
            return new TailCounts(millis, 0, 0);
        }
        Double edge = buckets.floorKey(millis);
        if (edge == null) {
            edge = buckets.firstKey();
        }
        return new TailCounts(edge, total, total - buckets.get(edge));
    }

    @Override
    public String toString() {
        return "Istio metrics (reporter " + reporter.labelValue() + ") in " + metrics.describe();
    }
}
