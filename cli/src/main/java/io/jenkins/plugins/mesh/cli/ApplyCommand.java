package io.jenkins.plugins.mesh.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.mesh.engine.DurationText;
import io.jenkins.plugins.mesh.engine.analysis.HealthAnalysis;
import io.jenkins.plugins.mesh.engine.analysis.PrometheusMeshObserver;
import io.jenkins.plugins.mesh.engine.analysis.PrometheusMetricProvider;
import io.jenkins.plugins.mesh.engine.analysis.Reporter;
import io.jenkins.plugins.mesh.engine.apply.ApplyDriver;
import io.jenkins.plugins.mesh.engine.apply.ApplyEvent;
import io.jenkins.plugins.mesh.engine.apply.ApplyItem;
import io.jenkins.plugins.mesh.engine.apply.ApplyOptions;
import io.jenkins.plugins.mesh.engine.apply.ApplyOutcome;
import io.jenkins.plugins.mesh.engine.apply.ApplyPlan;
import io.jenkins.plugins.mesh.engine.apply.ApplyState;
import io.jenkins.plugins.mesh.engine.apply.ApplyStateJson;
import io.jenkins.plugins.mesh.engine.apply.BeforeAfterHealthGate;
import io.jenkins.plugins.mesh.engine.apply.ConfigApply;
import io.jenkins.plugins.mesh.engine.apply.HealthGate;
import io.jenkins.plugins.mesh.engine.apply.PlanResult;
import io.jenkins.plugins.mesh.engine.apply.PlanText;
import io.jenkins.plugins.mesh.engine.traffic.Holder;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import io.jenkins.plugins.mesh.engine.validate.Validator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mesh apply}: plan, refuse conflicts, lock each object with a Lease holding its snapshot, write with the
 * resourceVersion read, verify, watch the routed services, and revert exactly when anything goes wrong.
 */
@Command(name = "apply",
        description = {"Apply the mesh config in the files: plan (as mesh plan), refuse conflicts, take a Lease per "
            + "object (holding its snapshot), write each with the resourceVersion read, verify by reading back, and "
            + "record an Event per change.",
            "With --check, watch the services the changed objects route to for --watch, each compared with itself "
                + "before the change; a failed check, an inconclusive end, an error, Ctrl-C or the deadline reverts "
                + "every object exactly (an update to its snapshot, a create deleted, a delete recreated).",
            "Example: mesh apply deploy/istio --namespace shop --check success-rate>=99 --check "
                + "error-rate-vs-stable --watch 5m --prometheus http://prometheus.istio-system:9090"},
        footerHeading = ExitCodes.HEADING,
        footer = {"  0  APPLIED: written, verified and healthy for the whole watch (or nothing to change)",
            "  1  REVERTED: a check failed or was inconclusive at the end, a write failed, Ctrl-C or the deadline; "
                + "every change was put back (an object someone edited since keeps their edit)",
            "  2  NOT_STARTED: usage, validation, conflict, lock, permission or connection problem; nothing written",
            "  3  REVERT_PENDING: a revert could not be completed; run `mesh rollback --apply NS`"})
public final class ApplyCommand extends ClusterCommand {

    @Mixin
    ConfigFileOptions files;

    @Mixin
    HolderOption holderOption;

    @Mixin
    PrometheusOptions prometheus;

    @Option(names = "--check", paramLabel = "CHECK", description = {"a health check, repeatable (see mesh canary): "
            + "success-rate>=99, latency-p99<=500, error-rate-vs-stable (after against before the change), "
            + "latency-p99-vs-stable<=1.5x, query:NAME:MIN..MAX:PROMQL; none: no watch"})
    List<String> checks = new ArrayList<>();

    @Option(names = "--watch", paramLabel = "DURATION", defaultValue = "5m",
            description = "how long to watch after the change, with --check (default: ${DEFAULT-VALUE})")
    String watch;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1m",
            description = "how often to analyse during the watch, and the analysis window (default: ${DEFAULT-VALUE})")
    String interval;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m",
            description = "how long locking, writing and verifying may take before the apply reverts "
                    + "(default: ${DEFAULT-VALUE})")
    String timeout;

    @Option(names = "--min-requests", paramLabel = "N", description = "fewer requests than this on either side make "
            + "a check inconclusive (default: 50)")
    Double minRequests;

    @Option(names = "--reporter", paramLabel = "REPORTER", defaultValue = "destination",
            description = "Istio reporter to read: destination, source or waypoint (default: ${DEFAULT-VALUE})")
    String reporter;

    @Option(names = "--dry-run", description = "show the plan and write nothing")
    boolean dryRun;

    @Option(names = "--state", paramLabel = "FILE", description = "write the apply's state as JSON to FILE after "
            + "every step (what a resumed run reads)")
    Path stateFile;

    private ApplyOptions options;

    @Override
    void validate() {
        prometheus.validate();
        options = new ApplyOptions(checks, DurationText.parse(watch), DurationText.parse(interval),
                DurationText.parse(timeout));
        if (!checks.isEmpty() && !dryRun && !prometheus.isSet()) {
            throw new IllegalArgumentException("--check needs --prometheus URL: the checks read Istio's metrics "
                    + "from it");
        }
    }

    @Override
    int run(KubernetesClient client, TrafficController traffic, PrintWriter out, PrintWriter err) {
        Clock clock = Clock.systemUTC();
        ConfigApply config = new ConfigApply(client, clock, TrafficSettings.defaults());
        PlanResult result = config.planner(Validator.standard()).plan(files.load(), files.prune);
        if (result.stopped()) {
            return ConfigPlanOutput.stopped(result, err);
        }
        ApplyPlan plan = result.plan();
        out.print(PlanText.render(plan));
        if (!plan.conflicts().isEmpty()) {
            err.println("error: " + plan.conflicts().size() + " object(s) in conflict; nothing was written. Resolve "
                    + "them (see the reasons above) and apply again");
            return ApplyOutcome.NOT_STARTED.exitCode();
        }
        if (dryRun) {
            out.println("dry run: nothing written");
            return TrafficFailures.OK;
        }
        if (plan.writes().isEmpty()) {
            return ApplyOutcome.APPLIED.exitCode();
        }
        Holder holder = holderOption.holder();
        ApplyState start = ApplyState.start(plan, holder.identity(), holder.build(), options, clock.instant());
        ApplyDriver driver = config.driver(gate(), new StatePrinter(out), w -> err.println("warning: " + w));
        try (ApplyInterrupt interrupt = ApplyInterrupt.arm(err)) {
            ApplyState end = run(driver, start, interrupt, clock);
            int code = report(end, out, err);
            interrupt.finished(code);
            return code;
        }
    }

    private ApplyState run(ApplyDriver driver, ApplyState start, ApplyInterrupt interrupt, Clock clock) {
        ApplyDriver.Progress progress = driver.advance(start);
        while (!progress.isDone()) {
            if (interrupt.waitUntil(progress.wakeAt(), clock)) {
                progress = driver.abort(progress.state(), "Ctrl-C");
            } else {
                progress = driver.advance(progress.state());
            }
        }
        return progress.state();
    }

    private HealthGate gate() {
        if (options.checks().isEmpty()) {
            return HealthGate.NONE;
        }
        HealthAnalysis analysis = HealthAnalysis.of(options.checks(), options.interval(),
                minRequests == null ? HealthAnalysis.DEFAULT_MIN_REQUESTS : minRequests);
        PrometheusMetricProvider metrics = new PrometheusMetricProvider(prometheus.connection());
        return new BeforeAfterHealthGate(analysis, new PrometheusMeshObserver(metrics, Reporter.parse(reporter)),
                metrics);
    }

    private static int report(ApplyState end, PrintWriter out, PrintWriter err) {
        ApplyOutcome outcome = end.outcome();
        out.println(outcome + (end.reason() == null ? "" : ": " + end.reason()));
        for (ApplyItem item : end.items()) {
            out.println("  " + item.status().name().toLowerCase(java.util.Locale.ROOT) + "  " + item.displayName()
                    + (item.message() == null ? "" : "  (" + item.message() + ")"));
        }
        if (outcome == ApplyOutcome.REVERT_PENDING) {
            err.println("error: some reverts are pending; their Leases keep the snapshots: run `mesh rollback "
                    + "--apply " + end.items().get(0).namespace() + "`");
        }
        return outcome.exitCode();
    }

    /** Prints each new timeline line, and writes the state to --state. */
    private final class StatePrinter implements java.util.function.Consumer<ApplyState> {
        private final PrintWriter out;
        private int printed;

        StatePrinter(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void accept(ApplyState state) {
            List<ApplyEvent> timeline = state.timeline();
            for (; printed < timeline.size(); printed++) {
                out.println(timeline.get(printed).at() + "  " + timeline.get(printed).message());
            }
            out.flush();
            if (stateFile != null) {
                write(stateFile, new ApplyStateJson().write(state));
            }
        }
    }

    private static void write(Path file, String json) {
        try {
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".mesh-apply", ".json");
            Files.writeString(temp, json, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the state file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Ctrl-C during an apply: the run reverts, prints its outcome, and the JVM exits with its code. */
    static final class ApplyInterrupt implements AutoCloseable {
        private final Thread hook;
        private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        private volatile boolean requested;
        private volatile int code = ApplyOutcome.REVERT_PENDING.exitCode();

        private ApplyInterrupt(PrintWriter err) {
            hook = new Thread(() -> {
                requested = true;
                err.println("interrupted: reverting the apply (wait for it)");
                err.flush();
                try {
                    if (!done.await(InterruptRestore.RESTORE_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                        err.println("error: the revert did not finish in time; the Leases keep the snapshots: run "
                                + "`mesh rollback --apply`");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                err.flush();
                Runtime.getRuntime().halt(code);
            }, "mesh-apply-interrupt");
        }

        static ApplyInterrupt arm(PrintWriter err) {
            ApplyInterrupt interrupt = new ApplyInterrupt(err);
            Runtime.getRuntime().addShutdownHook(interrupt.hook);
            return interrupt;
        }

        /** Sleeps until {@code time}; true when an interrupt came first. */
        boolean waitUntil(Instant time, Clock clock) {
            while (!requested && clock.instant().isBefore(time)) {
                long left = Duration.between(clock.instant(), time).toMillis();
                try {
                    Thread.sleep(Math.max(1, Math.min(left, 200)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                }
            }
            return requested;
        }

        void finished(int exitCode) {
            code = exitCode;
            done.countDown();
        }

        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and exits with the outcome's code
            }
        }
    }
}
