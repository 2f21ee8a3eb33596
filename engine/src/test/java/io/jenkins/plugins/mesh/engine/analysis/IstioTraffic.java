package io.jenkins.plugins.mesh.engine.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Istio-shaped metrics of one service's versions in the Prometheus text format, advanced by a fixed amount on every
 * scrape: each version serves {@code requests} per scrape, {@code errors} of them 503, every request's latency in
 * one histogram bucket. The source proxies report twice as many requests, so a query that ignores the reporter
 * label shows. Thread-safe: the scrape thread calls {@link #scrape()}.
 */
final class IstioTraffic {

    /** Istio's default bucket bounds in milliseconds (the first ones). */
    static final double[] BUCKETS = {0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000};

    private record Version(String name, int requests, int errors, double latencyBucket) {
    }

    private final String namespace;
    private final String service;
    private final Map<String, Version> versions = new LinkedHashMap<>();
    private long scrapes;

    IstioTraffic(String namespace, String service) {
        this.namespace = namespace;
        this.service = service;
    }

    /**
     * Adds a version.
     *
     * @param latencyBucket the upper bound of the bucket every request falls in; 0 for no histogram at all
     */
    synchronized IstioTraffic version(String name, int requestsPerScrape, int errorsPerScrape, double latencyBucket) {
        versions.put(name, new Version(name, requestsPerScrape, errorsPerScrape, latencyBucket));
        return this;
    }

    /** The exposition after one more round of traffic. */
    synchronized String scrape() {
        scrapes++;
        StringBuilder out = new StringBuilder();
        out.append("# TYPE istio_requests_total counter\n");
        for (Version v : versions.values()) {
            for (String reporter : List.of("destination", "source")) {
                long factor = reporter.equals("source") ? 2 : 1;
                long ok = factor * scrapes * (v.requests - v.errors);
                long failed = factor * scrapes * v.errors;
                out.append("istio_requests_total{").append(labels(reporter, v)).append(",response_code=\"200\"} ")
                        .append(ok).append('\n');
                if (v.errors > 0) {
                    out.append("istio_requests_total{").append(labels(reporter, v))
                            .append(",response_code=\"503\"} ").append(failed).append('\n');
                }
            }
        }
        out.append("# TYPE istio_request_duration_milliseconds histogram\n");
        for (Version v : versions.values()) {
            if (v.latencyBucket == 0) {
                continue;
            }
            long count = scrapes * v.requests;
            String labels = labels("destination", v);
            List<String> bounds = new ArrayList<>();
            for (double bound : BUCKETS) {
                bounds.add(Numbers.exact(bound));
                out.append("istio_request_duration_milliseconds_bucket{").append(labels).append(",le=\"")
                        .append(Numbers.exact(bound)).append("\"} ").append(bound >= v.latencyBucket ? count : 0)
                        .append('\n');
            }
            out.append("istio_request_duration_milliseconds_bucket{").append(labels).append(",le=\"+Inf\"} ")
                    .append(count).append('\n');
            out.append("istio_request_duration_milliseconds_sum{").append(labels).append("} ")
                    .append(count * v.latencyBucket).append('\n');
            out.append("istio_request_duration_milliseconds_count{").append(labels).append("} ").append(count)
                    .append('\n');
        }
        return out.toString();
    }

    private String labels(String reporter, Version v) {
        return "reporter=\"" + reporter + "\",destination_workload_namespace=\"" + namespace
                + "\",destination_service_name=\"" + service + "\",destination_workload=\"" + service + "-" + v.name
                + "\",destination_version=\"" + v.name + "\"";
    }
}
