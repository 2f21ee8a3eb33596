package io.jenkins.plugins.mesh.cli;

import io.jenkins.plugins.mesh.engine.DurationText;
import io.jenkins.plugins.mesh.engine.analysis.PrometheusConnection;
import io.jenkins.plugins.mesh.engine.analysis.PrometheusMetricProvider;
import io.jenkins.plugins.mesh.engine.rollout.Outcome;
import io.jenkins.plugins.mesh.engine.rollout.RolloutListener;
import io.jenkins.plugins.mesh.engine.rollout.TimelineEvent;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import io.jenkins.plugins.mesh.simulator.TrafficModel;
import io.jenkins.plugins.mesh.testkit.MetricsEndpoint;
import io.jenkins.plugins.mesh.testkit.PrometheusProcess;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mesh demo}: two canaries on a simulated mesh, no cluster needed. A healthy v2 is promoted; a v2 that starts
 * failing is rolled back and the VirtualService is proven to be exactly as before.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run two canaries on a simulated mesh (an in-process Kubernetes API server with Istio's "
            + "bookinfo reviews service, and traffic that follows the route's weights): a healthy one that is "
            + "promoted, and a faulty one that is rolled back with the route restored exactly.",
            "By default time is simulated and metrics are read in-process: it takes a few seconds. "
                + "--with-prometheus starts a real Prometheus (needs `prometheus` on PATH) that scrapes the "
                + "simulator, and runs in real time (under a minute)."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  both canaries ended as shown (promoted; rolled back with the route restored)",
            "  1  a canary did not end as expected", "  2  usage problem, or Prometheus could not be started"})
public final class DemoCommand implements Callable<Integer> {

    private static final Duration SIMULATED_INTERVAL = Duration.ofSeconds(30);
    private static final Duration PROMETHEUS_INTERVAL = Duration.ofSeconds(4);
    private static final Duration USER_PROMETHEUS_INTERVAL = Duration.ofSeconds(20);
    private static final Duration FIRST_SCRAPE_WAIT = Duration.ofMinutes(2);

    @Spec
    CommandSpec spec;

    @Mixin
    PrometheusOptions prometheus;

    @Option(names = "--with-prometheus", description = "start a real Prometheus on loopback that scrapes the "
            + "simulator every second; the rollouts run in real time")
    boolean withPrometheus;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "0", description = "port of the "
            + "simulator's /metrics endpoint on 127.0.0.1 (default: a free one; fix it to point your own "
            + "Prometheus at it)")
    int metricsPort;

    @Option(names = "--interval", paramLabel = "DURATION", description = "analysis interval (default: 30s "
            + "simulated; 4s with --with-prometheus; 20s with --prometheus, at least 4 scrape intervals)")
    String interval;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "seed of the simulated traffic "
            + "(default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--speed", paramLabel = "N|max", defaultValue = "max", description = "simulated seconds per "
            + "real second, to watch the story unfold (default: ${DEFAULT-VALUE}, as fast as it goes)")
    String speed;

    @Override
    public Integer call() {
        // The simulator's API server logs every request at INFO; the story is the demo's output.
        Logger apiServerLog = Logger.getLogger("io.fabric8.mockwebserver");
        Level previous = apiServerLog.getLevel();
        apiServerLog.setLevel(Level.WARNING);
        try {
            return demo();
        } finally {
            apiServerLog.setLevel(previous);
        }
    }

    private int demo() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        prometheus.validate();
        if (withPrometheus && prometheus.isSet()) {
            throw new ParameterException(spec.commandLine(), "give --with-prometheus or --prometheus URL, not both");
        }
        boolean realTime = withPrometheus || prometheus.isSet();
        Duration analysisInterval = parseInterval(realTime);
        double simulatedPerReal = parseSpeed(realTime);
        long started = System.nanoTime();
        AtomicReference<TrafficModel> served = new AtomicReference<>();
        AtomicInteger scrapes = new AtomicInteger();
        List<DemoScenario.Result> results = new ArrayList<>();
        out.println("Mesh Pipeline demo: three canaries on a simulated mesh (no cluster needed)");
        out.println();
        out.println("Each canary runs on a fresh simulated Kubernetes API server (127.0.0.1) holding Istio's bookinfo "
                + "sample: VirtualService " + SimulatedCluster.NAMESPACE + "/" + SimulatedCluster.SERVICE
                + ", route '" + SimulatedCluster.PRIMARY_ROUTE + "', sends 100% to subset v1 and 0% to v2. "
                + Math.round(DemoScenario.REQUESTS_PER_SECOND) + " requests/s follow the route's live weights.");
        if (!realTime) {
            return run(new DemoScenario.SimulatedTime(), analysisInterval, pacing(simulatedPerReal), results, out,
                    started, "in-process, in simulated time (a minute of rollout takes milliseconds)");
        }
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(() -> {
            scrapes.incrementAndGet();
            TrafficModel model = served.get();
            return model == null ? "" : model.metrics().render();
        }, metricsPort)) {
            PrometheusConnection connection;
            PrometheusProcess process = null;
            try {
                if (withPrometheus) {
                    out.println("starting Prometheus (scraping " + endpoint.url() + " every second)...");
                    out.flush();
                    process = PrometheusProcess.start(List.of(endpoint.address()), Duration.ofSeconds(1));
                    connection = PrometheusConnection.of(process.baseUrl().toString());
                } else {
                    connection = prometheus.connection();
                    if (!awaitFirstScrape(endpoint, scrapes, connection, out, err)) {
                        return TrafficFailures.NOTHING_WRITTEN;
                    }
                }
                DemoScenario.Mesh mesh = new DemoScenario.RealTime(new PrometheusMetricProvider(connection),
                        served::set);
                return run(mesh, analysisInterval, RolloutListener.NONE, results, out, started,
                        "from " + connection.url() + ", in real time");
            } catch (IllegalStateException e) {
                err.println("error: " + e.getMessage());
                return TrafficFailures.NOTHING_WRITTEN;
            } finally {
                if (process != null) {
                    process.close();
                }
            }
        }
    }

    private int run(DemoScenario.Mesh mesh, Duration analysisInterval, RolloutListener pacing,
            List<DemoScenario.Result> results, PrintWriter out, long started, String metricsSource) {
        out.println("Metrics: Istio's request and latency metrics, read " + metricsSource + ".");
        List<DemoScenario> scenarios = List.of(DemoScenario.healthy(), DemoScenario.faulty(analysisInterval),
                DemoScenario.faultyMirrored());
        for (int i = 0; i < scenarios.size(); i++) {
            out.println();
            out.println("== " + (i + 1) + ". " + scenarios.get(i).title() + " ==");
            DemoScenario.Result result = scenarios.get(i).run(mesh, analysisInterval, seed + i, pacing, out);
            out.println("weights now: " + result.weightsAfter());
            results.add(result);
            out.flush();
        }
        return summary(results, out, Duration.ofNanos(System.nanoTime() - started));
    }

    private int summary(List<DemoScenario.Result> results, PrintWriter out, Duration wall) {
        out.println();
        out.println("== Summary ==");
        boolean allAsExpected = true;
        for (int i = 0; i < results.size(); i++) {
            DemoScenario.Result result = results.get(i);
            Outcome outcome = result.end().outcome();
            out.println((i + 1) + ". " + outcome + " after " + result.end().analyses().size() + " analyses, "
                    + DurationText.format(result.took().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                    + " of rollout time: " + result.end().reason());
            if (outcome == Outcome.ROLLED_BACK || outcome == Outcome.ABORTED) {
                boolean same = result.specAfter().equals(result.specBefore());
                out.println("   VirtualService " + SimulatedCluster.NAMESPACE + "/" + SimulatedCluster.SERVICE
                        + " spec before the rollout: " + DemoScenario.fingerprint(result.specBefore()) + " ("
                        + result.weightsBefore() + ")");
                out.println("   VirtualService " + SimulatedCluster.NAMESPACE + "/" + SimulatedCluster.SERVICE
                        + " spec after the restore:  " + DemoScenario.fingerprint(result.specAfter()) + " ("
                        + result.weightsAfter() + ")");
                out.println(same ? "   routes restored: the spec after the restore is identical to the spec before"
                        : "   ROUTES NOT RESTORED: the spec differs from the one before the rollout");
                Duration fault = result.scenario().faultFrom();
                if (result.end().plan().phases().mirror() != null) {
                    out.println("   the canary answered " + result.copiesToCanary() + " mirrored copies and served "
                            + result.servedByCanary() + " user requests: its mirror phase caught the fault before "
                            + "it served anyone");
                }
                if (fault != null && result.took().compareTo(fault) >= 0) {
                    out.println("   restored " + DurationText.format(result.took().minus(fault).truncatedTo(
                            java.time.temporal.ChronoUnit.SECONDS)) + " after its fault began: the sequential "
                            + "analysis looks every " + DurationText.format(result.end().plan().sampleEvery())
                            + " and fails the step as soon as the regression is shown");
                }
            } else {
                out.println("   weights now: " + result.weightsAfter());
            }
            allAsExpected &= result.asExpected();
        }
        out.printf(java.util.Locale.ROOT, "demo took %.1f s; everything it started is stopped%n",
                wall.toMillis() / 1000.0);
        if (!allAsExpected) {
            out.println("the demo did not go as expected: see the outcomes above");
            return 1;
        }
        out.println("Next: `mesh canary --help` runs the same engine on your cluster; docs/cli.md explains it.");
        return 0;
    }

    private boolean awaitFirstScrape(MetricsEndpoint endpoint, AtomicInteger scrapes, PrometheusConnection connection,
            PrintWriter out, PrintWriter err) {
        out.println("Add this target to the scrape_configs of " + connection.url() + " (scrape_interval 5s or less):");
        out.println("  - job_name: mesh-demo");
        out.println("    scrape_interval: 5s");
        out.println("    static_configs: [{targets: ['" + endpoint.address() + "']}]");
        out.println("waiting for the first scrape of " + endpoint.url() + " ...");
        out.flush();
        long deadline = System.nanoTime() + FIRST_SCRAPE_WAIT.toNanos();
        while (scrapes.get() == 0) {
            if (System.nanoTime() > deadline) {
                err.println("error: nothing scraped " + endpoint.url() + " within " + FIRST_SCRAPE_WAIT.toMinutes()
                        + " minutes; add it to your Prometheus configuration (it must run on this machine) and "
                        + "retry, or use --with-prometheus");
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private Duration parseInterval(boolean realTime) {
        if (interval == null) {
            return !realTime ? SIMULATED_INTERVAL : withPrometheus ? PROMETHEUS_INTERVAL : USER_PROMETHEUS_INTERVAL;
        }
        try {
            return DurationText.parse(interval);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--interval: " + e.getMessage());
        }
    }

    private double parseSpeed(boolean realTime) {
        if ("max".equalsIgnoreCase(speed.strip())) {
            return 0;
        }
        double value;
        try {
            value = Double.parseDouble(speed.strip());
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new ParameterException(spec.commandLine(), "--speed must be a positive number of simulated seconds "
                    + "per real second, or max; was " + speed);
        }
        if (realTime) {
            throw new ParameterException(spec.commandLine(), "--speed applies to simulated time; with Prometheus the "
                    + "demo runs in real time");
        }
        return value;
    }

    /** Sleeps between events so that {@code perSecond} simulated seconds pass per real second; 0: no pause. */
    private static RolloutListener pacing(double perSecond) {
        if (perSecond <= 0) {
            return RolloutListener.NONE;
        }
        return new RolloutListener() {
            private Instant last;

            @Override
            public void onEvent(TimelineEvent event) {
                if (last != null && event.at().isAfter(last)) {
                    long millis = Math.round(Duration.between(last, event.at()).toMillis() / perSecond);
                    try {
                        Thread.sleep(millis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                last = event.at();
            }
        };
    }
}
