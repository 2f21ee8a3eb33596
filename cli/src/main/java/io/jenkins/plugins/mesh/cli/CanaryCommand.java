package io.jenkins.plugins.mesh.cli;

import io.jenkins.plugins.mesh.engine.DurationText;
import io.jenkins.plugins.mesh.engine.analysis.HealthAnalysis;
import io.jenkins.plugins.mesh.engine.analysis.PrometheusMeshObserver;
import io.jenkins.plugins.mesh.engine.analysis.PrometheusMetricProvider;
import io.jenkins.plugins.mesh.engine.analysis.Reporter;
import io.jenkins.plugins.mesh.engine.analysis.VersionLabel;
import io.jenkins.plugins.mesh.engine.rollout.CanaryPhases;
import io.jenkins.plugins.mesh.engine.rollout.CanaryPlan;
import io.jenkins.plugins.mesh.engine.rollout.PhaseOptions;
import io.jenkins.plugins.mesh.engine.rollout.StagePreview;
import io.jenkins.plugins.mesh.engine.rollout.AnalysisMode;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRequest;
import io.jenkins.plugins.mesh.engine.rollout.InconclusiveAction;
import io.jenkins.plugins.mesh.engine.rollout.TrafficEstimate;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRollout;
import io.jenkins.plugins.mesh.engine.rollout.EndAction;
import io.jenkins.plugins.mesh.engine.rollout.RolloutScheduler;
import io.jenkins.plugins.mesh.engine.rollout.RolloutScheduler.RunningRollout;
import io.jenkins.plugins.mesh.engine.rollout.RolloutState;
import io.jenkins.plugins.mesh.engine.traffic.Holder;
import io.jenkins.plugins.mesh.engine.traffic.RoutePreview;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code mesh canary}: shift traffic to the canary step by step, check its health in Prometheus after each step,
 * promote or hold at the end, and restore the route exactly on a failed check, an error, the deadline or Ctrl-C.
 */
@Command(name = "canary",
        description = {"Run a canary on one route: set the canary's weight step by step, check Istio's metrics in "
            + "Prometheus after each step, then promote (or hold). A failed check, an error, the deadline or Ctrl-C "
            + "restores the route exactly as it was and verifies it.",
            "Progress is printed one line per event. The rollout takes the route's lease (holder: --holder) and "
                + "keeps the route's snapshot in it until it ends."},
        footer = {"",
            "Outcomes: PROMOTED and HELD exit 0; ROLLED_BACK and ABORTED exit 1 (route restored); a rollout that "
                + "could not start exits 2 (nothing written); RESTORE_PENDING exits 3; INCONCLUSIVE (too little traffic to "
                + "judge the canary) exits 4.",
            "Before the first write the rollout reads the stable's request rate and estimates how long the first step "
                + "needs to judge; when that exceeds the deadline it ends NOT_STARTED at once.",
            "Phases, combinable: --mirror (copies to the canary first), --match (an A/B phase), then the steps, with "
                + "--sticky sessions during them. Each phase is judged like a step; a failed check in any restores "
                + "the route and takes away exactly what the phases added.",
            "Example: mesh canary -n bookinfo --virtual-service reviews --stable v1 --canary v2 --steps 10,25,50 "
                + "--interval 1m --check success-rate>=99 --check latency-p99<=500 "
                + "--prometheus http://prometheus.istio-system:9090",
            "Example: mesh canary -n bookinfo --virtual-service reviews --stable v1 --canary v2 --mirror 20 "
                + "--mirror-for 5m --match header:x-canary=true --match-for 10m --steps 10,50 --sticky mesh-canary "
                + "--prometheus http://prometheus.istio-system:9090"})
public final class CanaryCommand extends RouteCommand {

    @Option(names = "--stable", required = true, paramLabel = "DEST",
            description = "stable destination: a subset (v1), a host (reviews-stable) or host:subset")
    String stable;

    @Option(names = "--canary", required = true, paramLabel = "DEST", description = "canary destination, as --stable")
    String canary;

    @ArgGroup(exclusive = true)
    Steps steps;

    @Option(names = "--mirror", paramLabel = "PERCENT", description = {"first a mirror phase: copy PERCENT of the "
            + "requests to the canary, whose answers reach no one, and judge the canary by them (Istio's "
            + "destination-side metrics) before it serves anyone"})
    Double mirror;

    @Option(names = "--mirror-for", paramLabel = "DURATION", description = "how long the mirror phase lasts "
            + "(default: --interval)")
    String mirrorFor;

    @Option(names = "--match", paramLabel = "CONDITION", description = {"an A/B phase: requests meeting any of the "
            + "conditions (repeatable) go to the canary, all others to the stable: header:NAME=VALUE, "
            + "header:NAME=prefix:VALUE, header:NAME=regex:RE2, cookie:NAME=VALUE"})
    List<String> matches = new ArrayList<>();

    @Option(names = "--match-for", paramLabel = "DURATION", description = "how long the A/B phase lasts "
            + "(default: --interval)")
    String matchFor;

    @Option(names = "--after-match", paramLabel = "end|keep|remove", description = "after the A/B phase: end the "
            + "rollout (the default without --steps), or run the steps keeping the A/B route (the default with "
            + "--steps) or taking it away")
    String afterMatch;

    @Option(names = "--sticky", paramLabel = "COOKIE", description = "during the steps, keep each user on the "
            + "version that served them with cookie COOKIE (see docs/traffic.md)")
    String sticky;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1m",
            description = "from a weight change to its analysis, and between analyses: 30s, 1m, 1h30m "
                    + "(default: ${DEFAULT-VALUE})")
    String interval;

    @Option(names = "--check", paramLabel = "CHECK", description = {"a health check, repeatable: success-rate>=99, "
            + "latency-p99<=500, request-rate>=1, error-rate-vs-stable, latency-p99-vs-stable<=1.5x, "
            + "query:NAME:MIN..MAX:PROMQL",
        "default: " + "success-rate>=95, error-rate-vs-stable, latency-p99-vs-stable<=1.5x"})
    List<String> checks = new ArrayList<>();

    @Mixin
    PrometheusOptions prometheus;

    @Option(names = "--reporter", paramLabel = "REPORTER", defaultValue = "destination",
            description = "Istio reporter to read: destination, source or waypoint (ambient) (default: "
                    + "${DEFAULT-VALUE})")
    String reporter;

    @Option(names = "--version-label", paramLabel = "LABEL", defaultValue = "destination_version",
            description = "metric label telling subsets apart: destination_version, destination_workload, "
                    + "destination_canonical_revision (default: ${DEFAULT-VALUE})")
    String versionLabel;

    @Option(names = "--min-requests", paramLabel = "N", description = "fewer canary requests in a window make a "
            + "check inconclusive (default: 50)")
    Double minRequests;

    @Option(names = "--analysis", paramLabel = "MODE", defaultValue = "sequential",
            description = {"sequential: read the metrics every --sample-every with tests that stay valid however "
                    + "often they are read, fail a step as soon as a regression is shown, pass it at its interval's "
                    + "end; fixed: judge once per interval (default: ${DEFAULT-VALUE}; "
                    + "docs/analysis.md)"})
    String analysis;

    @Option(names = "--sample-every", paramLabel = "DURATION", description = "time between the sequential analysis' "
            + "looks at the metrics (default: 10s; a few scrape intervals)")
    String sampleEvery;

    @Option(names = "--on-inconclusive", paramLabel = "ACTION", defaultValue = "restore",
            description = "when the canary cannot be judged (outcome INCONCLUSIVE, exit 4): restore the route, or "
                    + "hold the step's weights for a person to decide (default: ${DEFAULT-VALUE})")
    String onInconclusive;

    @Option(names = "--failure-limit", paramLabel = "N", description = "failed analyses that roll back (default: 1)")
    Integer failureLimit;

    @Option(names = "--inconclusive-limit", paramLabel = "N", description = "inconclusive analyses in a row, at one "
            + "step, that roll back (default: " + CanaryPlan.DEFAULT_INCONCLUSIVE_LIMIT + ")")
    Integer inconclusiveLimit;

    @Option(names = "--deadline", paramLabel = "DURATION", description = "the longest the rollout may take before "
            + "the route is restored (default: (steps + 1) x " + (CanaryPlan.DEFAULT_INCONCLUSIVE_LIMIT + 1)
            + " x interval, plus each phase's length and " + CanaryPlan.DEFAULT_INCONCLUSIVE_LIMIT
            + " intervals more)")
    String deadline;

    @ArgGroup(exclusive = true)
    End end;

    @Option(names = "--report", paramLabel = "FILE", description = "write the rollout report (JSON) to FILE at the "
            + "end")
    Path report;

    @Option(names = "--dry-run", description = "print each step's change as a diff of the route and write nothing "
            + "(needs no Prometheus; with --prometheus it also prints the traffic pre-flight's estimate)")
    boolean dryRun;

    @Option(names = "--take-over", description = "take the route's lease from a holder that stopped renewing it "
            + "(its snapshot is kept)")
    boolean takeOver;

    private CanaryRequest request;

    /** Explicit weights, or Flagger-style stepWeight up to maxWeight. */
    static final class Steps {
        @Option(names = "--steps", paramLabel = "W", split = ",", required = true,
                description = "the canary's weights in percent, increasing, e.g. 10,25,50")
        List<Integer> weights;

        @ArgGroup(exclusive = false)
        Linear linear;
    }

    /** {@code --step-weight 10 --max-weight 50}: 10, 20, 30, 40, 50. */
    static final class Linear {
        @Option(names = "--step-weight", paramLabel = "N", required = true,
                description = "add N percent per step, up to --max-weight")
        int stepWeight;

        @Option(names = "--max-weight", paramLabel = "M", required = true, description = "the last step's weight")
        int maxWeight;
    }

    /** What a canary that passed every step does. */
    static final class End {
        @Option(names = "--promote", required = true, description = "at the end send all traffic to the canary "
                + "and release the route (default)")
        boolean promote;

        @Option(names = "--hold", required = true, description = "at the end keep the last weights for a person to "
                + "promote (mesh traffic --weight 100) or roll back (mesh rollback)")
        boolean hold;
    }

    @Override
    void validate() {
        prometheus.validate();
        if (!dryRun && !prometheus.isSet()) {
            throw new ParameterException(spec.commandLine(), "mesh canary needs --prometheus URL: the health checks "
                    + "read Istio's metrics from it (--dry-run previews the steps without it)");
        }
        requireAtLeastOne("--failure-limit", failureLimit);
        requireAtLeastOne("--inconclusive-limit", inconclusiveLimit);
        if (report != null) {
            Path parent = report.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new ParameterException(spec.commandLine(), "--report " + report + ": the directory " + parent
                        + " does not exist");
            }
        }
        PhaseOptions options = new PhaseOptions(mirror, mirrorFor, matches, matchFor, afterMatch, sticky);
        if (steps == null && mirror == null && matches.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give the canary's steps (--steps 10,25,50 or "
                    + "--step-weight N --max-weight M), or a phase that needs none (--match, --mirror)");
        }
        List<Integer> weights = steps == null ? List.of() : weights();
        Duration every = duration("--interval", interval);
        CanaryPhases phases = parsed("mesh canary", null, ignored -> options.phases(every, weights));
        AnalysisMode mode = parsed("--analysis", analysis, AnalysisMode::parse);
        InconclusiveAction whenInconclusive = parsed("--on-inconclusive", onInconclusive, InconclusiveAction::parse);
        Duration sample = sampleEvery == null ? null : duration("--sample-every", sampleEvery);
        Duration longest = deadline == null ? null : duration("--deadline", deadline);
        request = parsed("mesh canary", null, ignored -> new CanaryRequest(route.kind(), route.namespace,
                route.name(), route.route, stable, canary, weights, every, checks,
                minRequests == null ? HealthAnalysis.DEFAULT_MIN_REQUESTS : minRequests,
                VersionLabel.parse(versionLabel), Reporter.parse(reporter),
                end != null && end.hold ? EndAction.HOLD : EndAction.PROMOTE,
                failureLimit == null ? 0 : failureLimit, inconclusiveLimit == null ? 0 : inconclusiveLimit,
                longest, takeOver, mode, sample, whenInconclusive, phases));
    }

    private <T> T parsed(String option, String text, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    @Override
    int run(TrafficController traffic, PrintWriter out, PrintWriter err) {
        if (dryRun) {
            return dryRun(CanaryRollout.forPreview(request, traffic), out, err);
        }
        PrometheusMetricProvider metrics = new PrometheusMetricProvider(prometheus.connection());
        Holder holder = holderOption.holder();
        CanaryRollout rollout = CanaryRollout.prepare(request, traffic, holder,
                new PrometheusMeshObserver(metrics, request.reporter()), metrics);
        describe(rollout, out);
        out.println("  metrics: " + metrics.describe() + " (reporter " + request.reporter().labelValue() + ")");
        out.println("  holder:  " + holder + "; Ctrl-C stops the rollout and restores the route");
        out.flush();
        Clock clock = Clock.systemUTC();
        RolloutOutcome outcome = new RolloutOutcome(rollout, report, clock, out, err);
        try (RolloutScheduler scheduler = new RolloutScheduler(1, clock)) {
            RunningRollout running = scheduler.submit(
                    rollout.driver(clock, ProgressLines.wallClock(out, ZoneId.systemDefault())),
                    rollout.start(clock.instant()));
            try (InterruptRestore interrupt = InterruptRestore.arm(running, "Ctrl-C", err, outcome::report)) {
                RolloutState end = running.completion().join();
                return outcome.report(end);
            } catch (CompletionException e) {
                return outcome.crashed(e.getCause() == null ? e : e.getCause(), running.state());
            }
        }
    }

    private int dryRun(CanaryRollout rollout, PrintWriter out, PrintWriter err) {
        describe(rollout, out);
        if (prometheus.isSet() && !rollout.canEstimate()) {
            out.println("pre-flight: skipped (the share of requests the A/B match takes is not known before it runs)");
        } else if (prometheus.isSet()) {
            PrometheusMetricProvider metrics = new PrometheusMetricProvider(prometheus.connection());
            try {
                TrafficEstimate estimate = rollout.estimate(new PrometheusMeshObserver(metrics, request.reporter()),
                        Clock.systemUTC().instant());
                Duration patience = request.plan().firstStepPatience();
                out.println("pre-flight: " + estimate.describe() + (estimate.fits(patience) ? ""
                        : "; more than the " + DurationText.format(patience) + " the first step may wait (its "
                                + "inconclusive limit or the deadline): the rollout would end NOT_STARTED; "
                                + TrafficEstimate.advice()));
            } catch (Exception e) {
                err.println("warning: the pre-flight could not read the stable's traffic from "
                        + metrics.describe() + ": " + e.getMessage());
            }
        } else {
            out.println("pre-flight: skipped (pass --prometheus URL to estimate how long the first step needs)");
        }
        for (StagePreview stage : rollout.previewStages()) {
            out.println(stage.title());
            for (RoutePreview diff : stage.diffs()) {
                out.print(diff.diff());
            }
        }
        out.println("dry run: nothing written");
        return TrafficFailures.OK;
    }

    private void describe(CanaryRollout rollout, PrintWriter out) {
        CanaryPlan plan = request.plan();
        out.println("canary: " + rollout.describe());
        CanaryPhases phases = plan.phases();
        if (phases.mirror() != null) {
            out.println("  mirror:  " + phases.mirror().mirror().describe() + " for "
                    + DurationText.format(phases.mirror().duration()) + ", judged by the canary's answers to the "
                    + "copies");
        }
        if (phases.match() != null) {
            out.println("  A/B:     " + phases.match().match().describe() + " for "
                    + DurationText.format(phases.match().duration()) + (plan.steps().isEmpty() ? ", then the end"
                            : phases.match().keepDuringSteps() ? ", kept during the steps"
                                    : ", taken away before the steps"));
        }
        if (phases.sticky() != null) {
            out.println("  sticky:  " + phases.sticky().describe() + " during the steps");
        }
        out.println("  steps:   " + plan.steps().stream().map(w -> w + "%").toList() + ", then "
                + (plan.endAction() == EndAction.PROMOTE ? "promote" : "hold") + "; analysis every "
                + DurationText.format(plan.interval()) + "; failure limit " + plan.failureLimit()
                + ", inconclusive limit " + plan.inconclusiveLimit() + "; deadline "
                + DurationText.format(plan.deadline()));
        out.println("  checks:  " + String.join(", ", request.checks()));
        out.println("  analysis: " + plan.analysisMode().name().toLowerCase(java.util.Locale.ROOT)
                + (plan.analysisMode() == AnalysisMode.SEQUENTIAL ? ", a look every "
                        + DurationText.format(plan.sampleEvery()) : "") + "; when inconclusive: "
                + plan.onInconclusive().name().toLowerCase(java.util.Locale.ROOT));
    }

    private List<Integer> weights() {
        if (steps.weights != null) {
            return steps.weights;
        }
        return CanaryPlan.linearSteps(steps.linear.stepWeight, steps.linear.maxWeight);
    }

    private Duration duration(String option, String text) {
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    private void requireAtLeastOne(String option, Integer value) {
        if (value != null && value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1, was " + value);
        }
    }
}
