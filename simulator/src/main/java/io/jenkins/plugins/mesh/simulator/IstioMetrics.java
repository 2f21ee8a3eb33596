package io.jenkins.plugins.mesh.simulator;

import io.jenkins.plugins.mesh.testkit.MetricsEndpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Istio's standard request metrics for the versions of one simulated service, as cumulative counters since the
 * model started: {@code istio_requests_total} and the histogram {@code istio_request_duration_milliseconds}
 * ({@code _bucket} over Istio's default buckets, {@code _sum}, {@code _count}), each reported twice like a sidecar
 * mesh does ({@code reporter="destination"} and {@code reporter="source"}) with Istio's labels. Mirrored copies are
 * reported by the destination only, with the same labels as served requests, as Istio does (the caller's proxy does
 * not report the copy, istio/istio#23496, and no standard label marks it, istio/istio#11475). A series appears once
 * its version has answered a request with its response code, as in Istio. Thread-safe: the model adds while a
 * scrape renders.
 */
public final class IstioMetrics {

    private static final int OK = 0;
    private static final int ERROR = 1;
    private static final int[] CODES = {200, VersionBehaviour.ERROR_CODE};
    private static final String[] REPORTERS = {"destination", "source"};

    private final String namespace;
    private final String canonicalService;
    private final String sourceWorkload;
    private final List<MeshVersion> versions;
    /** Per version, response code and source of the request (0 served, 1 mirrored copy). */
    private final long[][][] requests;
    private final long[][][][] buckets;
    private final double[][][] latencySums;

    IstioMetrics(String namespace, String canonicalService, String sourceWorkload, List<MeshVersion> versions) {
        this.namespace = namespace;
        this.canonicalService = canonicalService;
        this.sourceWorkload = sourceWorkload;
        this.versions = List.copyOf(versions);
        int n = versions.size();
        this.requests = new long[n][2][2];
        this.buckets = new long[n][2][2][LatencyBuckets.count()];
        this.latencySums = new double[n][2][2];
    }

    /** Adds answers of {@code version}: to requests it served, or to mirrored copies ({@code copies}). */
    synchronized void add(int version, boolean failed, long count, long[] bucketCounts, double latencySum,
            boolean copies) {
        int code = failed ? ERROR : OK;
        int kind = copies ? 1 : 0;
        requests[version][code][kind] += count;
        for (int b = 0; b < bucketCounts.length; b++) {
            buckets[version][code][kind][b] += bucketCounts[b];
        }
        latencySums[version][code][kind] += latencySum;
    }

    /** All series in the Prometheus text exposition format (version 0.0.4). */
    public String render() {
        return render(List.of(this));
    }

    /**
     * The series of several services in one exposition (each metric family declared once), for one
     * {@code /metrics} endpoint serving many models.
     */
    public static String render(List<IstioMetrics> sources) {
        List<Series> series = new ArrayList<>();
        for (IstioMetrics source : sources) {
            source.snapshot(series);
        }
        StringBuilder text = new StringBuilder(1024 + series.size() * 8192);
        text.append("# HELP istio_requests_total Requests served, as counted by Istio's proxies.\n");
        text.append("# TYPE istio_requests_total counter\n");
        for (Series one : series) {
            text.append("istio_requests_total{").append(one.labels()).append("} ").append(one.requests())
                    .append('\n');
        }
        text.append("# HELP istio_request_duration_milliseconds Request latency, as measured by Istio's proxies.\n");
        text.append("# TYPE istio_request_duration_milliseconds histogram\n");
        for (Series one : series) {
            long cumulative = 0;
            for (int b = 0; b < LatencyBuckets.count(); b++) {
                cumulative += one.buckets()[b];
                text.append("istio_request_duration_milliseconds_bucket{").append(one.labels()).append(",le=\"")
                        .append(LatencyBuckets.le(b)).append("\"} ").append(cumulative).append('\n');
            }
            text.append("istio_request_duration_milliseconds_sum{").append(one.labels()).append("} ")
                    .append(one.latencySum()).append('\n');
            text.append("istio_request_duration_milliseconds_count{").append(one.labels()).append("} ")
                    .append(cumulative).append('\n');
        }
        return text.toString();
    }

    /**
     * Serves the metrics of {@code sources} at {@code http://127.0.0.1:<port>/metrics} for a real Prometheus to
     * scrape (its address is {@link MetricsEndpoint#address()}). Close the endpoint to stop serving.
     */
    public static MetricsEndpoint serve(List<IstioMetrics> sources) {
        List<IstioMetrics> copy = List.copyOf(sources);
        return MetricsEndpoint.start(() -> render(copy));
    }

    /** One labelled series: a version, a response code and a reporter. */
    private record Series(String labels, long requests, long[] buckets, double latencySum) {
    }

    private synchronized void snapshot(List<Series> into) {
        for (String reporter : REPORTERS) {
            int kinds = reporter.equals("destination") ? 2 : 1;
            for (int v = 0; v < versions.size(); v++) {
                for (int code = 0; code < CODES.length; code++) {
                    long count = 0;
                    long[] counts = new long[LatencyBuckets.count()];
                    double sum = 0;
                    for (int kind = 0; kind < kinds; kind++) {
                        count += requests[v][code][kind];
                        for (int b = 0; b < counts.length; b++) {
                            counts[b] += buckets[v][code][kind][b];
                        }
                        sum += latencySums[v][code][kind];
                    }
                    if (count > 0) {
                        into.add(new Series(labels(reporter, versions.get(v), CODES[code]), count, counts, sum));
                    }
                }
            }
        }
    }

    private String labels(String reporter, MeshVersion version, int code) {
        String sourceCanonical = sourceWorkload.replaceFirst("-v[0-9]+$", "");
        return "reporter=\"" + reporter + "\""
                + ",source_workload=\"" + escape(sourceWorkload) + "\""
                + ",source_workload_namespace=\"" + escape(namespace) + "\""
                + ",source_canonical_service=\"" + escape(sourceCanonical) + "\""
                + ",source_canonical_revision=\"latest\""
                + ",source_app=\"" + escape(sourceCanonical) + "\""
                + ",destination_workload=\"" + escape(version.workload()) + "\""
                + ",destination_workload_namespace=\"" + escape(namespace) + "\""
                + ",destination_service=\"" + escape(version.service()) + "." + escape(namespace) + ".svc.cluster.local\""
                + ",destination_service_name=\"" + escape(version.service()) + "\""
                + ",destination_service_namespace=\"" + escape(namespace) + "\""
                + ",destination_version=\"" + escape(version.version()) + "\""
                + ",destination_app=\"" + escape(canonicalService) + "\""
                + ",destination_canonical_service=\"" + escape(canonicalService) + "\""
                + ",destination_canonical_revision=\"" + escape(version.version()) + "\""
                + ",destination_cluster=\"Kubernetes\""
                + ",request_protocol=\"http\""
                + ",response_code=\"" + code + "\""
                + ",grpc_response_status=\"\""
                + ",response_flags=\"-\""
                + ",connection_security_policy=\"" + (reporter.equals("destination") ? "mutual_tls" : "unknown")
                + "\"";
    }

    /** Escapes a label value for the text format (backslash, double quote, line feed). */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

}
