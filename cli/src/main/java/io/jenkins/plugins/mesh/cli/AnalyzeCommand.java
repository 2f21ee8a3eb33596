package io.jenkins.plugins.mesh.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.mesh.engine.DurationText;
import io.jenkins.plugins.mesh.engine.analysis.CheckRecord;
import io.jenkins.plugins.mesh.engine.analysis.HealthAnalysis;
import io.jenkins.plugins.mesh.engine.analysis.MetricException;
import io.jenkins.plugins.mesh.engine.analysis.PrometheusMeshObserver;
import io.jenkins.plugins.mesh.engine.analysis.PrometheusMetricProvider;
import io.jenkins.plugins.mesh.engine.analysis.Reporter;
import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import io.jenkins.plugins.mesh.engine.analysis.VersionLabel;
import io.jenkins.plugins.mesh.engine.kube.ClusterClientFactory;
import io.jenkins.plugins.mesh.engine.rollout.AnalysisReport;
import io.jenkins.plugins.mesh.engine.rollout.AnalysisRequest;
import io.jenkins.plugins.mesh.engine.rollout.CurrentTrafficAnalysis;
import io.jenkins.plugins.mesh.engine.rollout.FailOn;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficException;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mesh analyze}: the checks of a canary, once, against the current traffic, with no route change and no lock.
 * For pipelines that set the weights themselves ({@code mesh traffic}), run their own tests and then ask whether the
 * canary is healthy.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Run health checks once against the current traffic: no route change, no lock.",
            "Name the versions as for mesh canary (through the route: --virtual-service or --http-route, which is "
                + "read, never written), or without a cluster: --service S with two subsets, or two Services of a "
                + "host-based canary. Prints each check's verdict and value and the combined verdict."},
        footerHeading = ExitCodes.HEADING,
        footer = {"  0  the analysis passed, or its verdict does not fail by --fail-on",
            "  1  a check failed (--fail-on fail or inconclusive)",
            "  2  usage, connection or metric server problem: no check could be judged",
            "  4  the analysis was inconclusive (--fail-on inconclusive): too little traffic or a metric error",
            "",
            "Example: mesh analyze -n bookinfo --virtual-service reviews --stable v1 --canary v2 --window 5m "
                + "--check success-rate>=99 --prometheus http://prometheus.istio-system:9090"})
public final class AnalyzeCommand implements Callable<Integer> {

    static final int INCONCLUSIVE = 4;

    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Option(names = {"-n", "--namespace"}, required = true, paramLabel = "NS",
            description = "namespace of the route or the services")
    String namespace;

    @ArgGroup(exclusive = true)
    Versions versions;

    @Option(names = "--route", paramLabel = "NAME", description = "the HTTP route (VirtualService) or rule "
            + "(HTTPRoute); default: the single one holding both destinations")
    String route;

    @Option(names = "--stable", required = true, paramLabel = "DEST",
            description = "stable version: a subset (v1), a host (reviews-stable) or host:subset")
    String stable;

    @Option(names = "--canary", required = true, paramLabel = "DEST", description = "canary version, as --stable")
    String canary;

    @Option(names = "--check", paramLabel = "CHECK", description = {"a health check, repeatable (see mesh canary)",
        "default: success-rate>=95, error-rate-vs-stable, latency-p99-vs-stable<=1.5x"})
    List<String> checks = new ArrayList<>();

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "1m",
            description = "how far back the checks look, at least 4 scrape intervals (default: ${DEFAULT-VALUE})")
    String window;

    @Option(names = "--at", paramLabel = "TIME", description = "the end of the window, ISO-8601 "
            + "(2026-12-01T10:00:00Z; default: now)")
    String at;

    @Option(names = "--fail-on", paramLabel = "WHEN", defaultValue = "inconclusive",
            description = "fail (only a failed check fails), inconclusive (anything but a pass fails) or never "
                    + "(report only) (default: ${DEFAULT-VALUE})")
    String failOn;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--reporter", paramLabel = "REPORTER", defaultValue = "destination",
            description = "Istio reporter to read: destination, source or waypoint (default: ${DEFAULT-VALUE})")
    String reporter;

    @Option(names = "--version-label", paramLabel = "LABEL", defaultValue = "destination_version",
            description = "metric label telling subsets apart (default: ${DEFAULT-VALUE})")
    String versionLabel;

    @Option(names = "--min-requests", paramLabel = "N", description = "fewer requests in the window make a check "
            + "inconclusive (default: 50)")
    Double minRequests;

    @Mixin
    PrometheusOptions prometheus;

    @Mixin
    ClusterOptions cluster;

    /** Where the versions are named. */
    static final class Versions {
        @Option(names = "--virtual-service", paramLabel = "NAME", required = true,
                description = "Istio VirtualService whose destinations are the versions")
        String virtualService;

        @Option(names = "--http-route", paramLabel = "NAME", required = true,
                description = "Gateway API HTTPRoute whose backends are the versions")
        String httpRoute;

        @Option(names = "--service", paramLabel = "NAME", required = true,
                description = "the Service whose subsets (label values) --stable and --canary are; reads no cluster")
        String service;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AnalysisRequest request = request();
        Instant end = end();
        CurrentTrafficAnalysis analysis;
        try {
            analysis = prepare(request);
        } catch (TrafficException e) {
            return TrafficFailures.report(e, err);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException
                | KubernetesClientException e) {
            return TrafficFailures.report(e, err);
        }
        PrometheusMetricProvider metrics = new PrometheusMetricProvider(prometheus.connection());
        try {
            metrics.serverVersion();
        } catch (MetricException e) {
            err.println("error: " + e.getMessage() + "; no check was run. Check --prometheus and its credentials");
            return TrafficFailures.NOTHING_WRITTEN;
        }
        AnalysisReport report = analysis.evaluate(new PrometheusMeshObserver(metrics, request.reporter()), metrics,
                end);
        if (format == Format.json) {
            out.println(report.toJson());
        } else {
            print(report, request, metrics.describe(), out);
        }
        if (report.metricsUnavailable()) {
            err.println("error: no check could read its metrics from " + metrics.describe() + "; see the reasons "
                    + "above");
            return TrafficFailures.NOTHING_WRITTEN;
        }
        if (!report.failed()) {
            return TrafficFailures.OK;
        }
        return report.verdict() == Verdict.FAIL ? TrafficFailures.FAILED : INCONCLUSIVE;
    }

    private AnalysisRequest request() {
        prometheus.validate();
        if (!prometheus.isSet()) {
            throw usage("mesh analyze needs --prometheus URL: the checks read Istio's metrics from it");
        }
        RouteKind kind = versions == null || versions.service != null ? null
                : versions.virtualService != null ? RouteKind.VIRTUAL_SERVICE : RouteKind.HTTP_ROUTE;
        String name = versions == null ? null : versions.service != null ? versions.service
                : kind == RouteKind.VIRTUAL_SERVICE ? versions.virtualService : versions.httpRoute;
        try {
            return new AnalysisRequest(kind, namespace, name, route, stable, canary, checks,
                    DurationText.parse(window), minRequests == null ? HealthAnalysis.DEFAULT_MIN_REQUESTS
                    : minRequests, VersionLabel.parse(versionLabel), Reporter.parse(reporter), FailOn.parse(failOn));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private Instant end() {
        if (at == null) {
            return Clock.systemUTC().instant();
        }
        try {
            return Instant.parse(at.strip());
        } catch (DateTimeParseException e) {
            throw usage("--at '" + at + "' is not an ISO-8601 time such as 2026-12-01T10:00:00Z");
        }
    }

    /** Reads the route when the request names one (never writes), else needs no cluster. */
    private CurrentTrafficAnalysis prepare(AnalysisRequest request) {
        if (request.kind() == null) {
            return CurrentTrafficAnalysis.prepare(request, null);
        }
        try (KubernetesClient client = new ClusterClientFactory().connect(cluster.connection(System.getenv()))) {
            return CurrentTrafficAnalysis.prepare(request, new TrafficController(client, Clock.systemUTC(),
                    TrafficSettings.defaults()));
        }
    }

    private static void print(AnalysisReport report, AnalysisRequest request, String metrics, PrintWriter out) {
        out.println("analysis: " + report.target() + " (read only: no route change, no lock)");
        out.println("  window:  " + DurationText.format(request.window()) + " to " + report.time() + "; reporter "
                + report.reporter() + "; at least " + ProgressLines.number(request.minRequests()) + " requests");
        out.println("  metrics: " + metrics);
        int width = report.checks().stream().mapToInt(c -> c.check().length()).max().orElse(0);
        for (CheckRecord check : report.checks()) {
            out.println(String.format(Locale.ROOT, "%-12s  %-" + width + "s  %10s  %s", check.verdict(), check.check(),
                    check.value() == null ? "-" : ProgressLines.number(check.value()), check.reason()));
        }
        out.println("verdict: " + report.verdict() + (report.failed() ? ": the analysis fails"
                : report.verdict() == Verdict.PASS ? "" : ": not failing (--fail-on " + report.failOn() + ")")
                + (report.failed() ? " (--fail-on " + report.failOn() + ")" : ""));
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
