package io.jenkins.plugins.mesh.engine.rollout;

import io.jenkins.plugins.mesh.engine.KubernetesName;
import io.jenkins.plugins.mesh.engine.analysis.CheckSpecs;
import io.jenkins.plugins.mesh.engine.analysis.HealthAnalysis;
import io.jenkins.plugins.mesh.engine.analysis.Reporter;
import io.jenkins.plugins.mesh.engine.analysis.VersionLabel;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a user asks of a canary, as `mesh canary` options or `meshCanary` step parameters: the route, the two
 * versions, the steps and the checks. Validated when made, so a bad request fails before anything is read or
 * written. It round-trips through JSON ({@link RolloutStateJson}), so a Jenkins step can persist it with the state.
 *
 * @param kind VirtualService or HTTPRoute
 * @param namespace the route's namespace
 * @param name the VirtualService or HTTPRoute
 * @param route the HTTP route's name (or HTTPRoute rule index); null selects the single route holding both versions
 * @param stable the stable destination as written: a subset ({@code v1}), {@code host:subset}, or a host
 * @param canary the canary destination, likewise
 * @param steps canary weights, e.g. 10, 25, 50
 * @param interval time from a weight change to its analysis, and between analyses
 * @param checks check specs ({@link CheckSpecs}); empty means {@link #DEFAULT_CHECKS}
 * @param minRequests fewer requests than this make a check inconclusive
 * @param versionLabel the metric label telling versions apart (subset-based canaries); host-based ones use the
 *     service name
 * @param reporter Istio's reporter to read (destination, or source/waypoint for ambient)
 * @param endAction promote or hold at the end
 * @param failureLimit failed analyses that roll back
 * @param inconclusiveLimit inconclusive analyses in a row that roll back
 * @param deadline the longest the rollout may take; null for the default
 * @param takeOver take a stale lease instead of refusing
 * @param analysisMode when the canary is judged; null for {@link #DEFAULT_ANALYSIS}
 * @param sampleEvery time between sequential looks; null for {@link CanaryPlan#DEFAULT_SAMPLE_EVERY}
 * @param onInconclusive restore (null) or hold the routes when the canary cannot be judged
 * @param phases a mirror phase, an A/B phase, sticky sessions; null for weights only
 */
public record CanaryRequest(RouteKind kind, String namespace, String name, String route, String stable, String canary,
        List<Integer> steps, Duration interval, List<String> checks, double minRequests, VersionLabel versionLabel,
        Reporter reporter, EndAction endAction, int failureLimit, int inconclusiveLimit, Duration deadline,
        boolean takeOver, AnalysisMode analysisMode, Duration sampleEvery, InconclusiveAction onInconclusive,
        CanaryPhases phases) {

    /** The analysis mode of a request that names none (see docs/benchmarks.md, P1, for why). */
    public static final AnalysisMode DEFAULT_ANALYSIS = AnalysisMode.SEQUENTIAL;

    /**
     * The checks of a canary that names none: a gate that catches a badly broken canary even at low traffic, and
     * comparisons with the stable version that catch smaller error and latency regressions once the traffic can
     * show them (they guard; see docs/analysis.md).
     */
    public static final List<String> DEFAULT_CHECKS = List.of("success-rate>=95", "error-rate-vs-stable",
            "latency-p99-vs-stable<=1.5x");
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    public CanaryRequest {
        Objects.requireNonNull(kind, "kind: VirtualService or HTTPRoute");
        KubernetesName.requireLabel("namespace", namespace);
        KubernetesName.requireSubdomain(kind.kind() + " name", name);
        requireDestination("stable", stable);
        requireDestination("canary", canary);
        route = route == null || route.isBlank() ? null : route.trim();
        steps = List.copyOf(steps);
        interval = interval == null ? DEFAULT_INTERVAL : interval;
        checks = checks == null || checks.isEmpty() ? DEFAULT_CHECKS : List.copyOf(checks);
        CheckSpecs.parseAll(checks);
        versionLabel = versionLabel == null ? VersionLabel.DESTINATION_VERSION : versionLabel;
        reporter = reporter == null ? Reporter.DESTINATION : reporter;
        endAction = endAction == null ? EndAction.PROMOTE : endAction;
        failureLimit = failureLimit == 0 ? CanaryPlan.DEFAULT_FAILURE_LIMIT : failureLimit;
        inconclusiveLimit = inconclusiveLimit == 0 ? CanaryPlan.DEFAULT_INCONCLUSIVE_LIMIT : inconclusiveLimit;
        analysisMode = analysisMode == null ? DEFAULT_ANALYSIS : analysisMode;
        sampleEvery = sampleEvery == null ? CanaryPlan.DEFAULT_SAMPLE_EVERY : sampleEvery;
        onInconclusive = onInconclusive == null ? InconclusiveAction.RESTORE : onInconclusive;
        phases = phases == null ? CanaryPhases.NONE : phases;
        if (phases.mirror() != null && reporter != Reporter.DESTINATION) {
            throw new IllegalArgumentException("a mirror phase needs the reporter destination: the caller's proxy "
                    + "does not report mirrored copies, only the canary's own proxy does (got reporter "
                    + reporter.labelValue() + ")");
        }
        new CanaryPlan(steps, interval, failureLimit, inconclusiveLimit, endAction,
                deadline == null ? CanaryPlan.defaultDeadline(steps, interval, phases) : deadline, analysisMode,
                sampleEvery, onInconclusive, phases);
        if (!(minRequests >= 0) || Double.isInfinite(minRequests)) {
            throw new IllegalArgumentException("minRequests must be a number >= 0, got " + minRequests);
        }
    }

    /** A request with the default analysis mode, sampling and inconclusive action. */
    public CanaryRequest(RouteKind kind, String namespace, String name, String route, String stable, String canary,
            List<Integer> steps, Duration interval, List<String> checks, double minRequests, VersionLabel versionLabel,
            Reporter reporter, EndAction endAction, int failureLimit, int inconclusiveLimit, Duration deadline,
            boolean takeOver) {
        this(kind, namespace, name, route, stable, canary, steps, interval, checks, minRequests, versionLabel,
                reporter, endAction, failureLimit, inconclusiveLimit, deadline, takeOver, null, null, null, null);
    }

    /** A request with no mirror or A/B phase and no sticky sessions. */
    public CanaryRequest(RouteKind kind, String namespace, String name, String route, String stable, String canary,
            List<Integer> steps, Duration interval, List<String> checks, double minRequests, VersionLabel versionLabel,
            Reporter reporter, EndAction endAction, int failureLimit, int inconclusiveLimit, Duration deadline,
            boolean takeOver, AnalysisMode analysisMode, Duration sampleEvery, InconclusiveAction onInconclusive) {
        this(kind, namespace, name, route, stable, canary, steps, interval, checks, minRequests, versionLabel,
                reporter, endAction, failureLimit, inconclusiveLimit, deadline, takeOver, analysisMode, sampleEvery,
                onInconclusive, null);
    }

    /** A request with the defaults for everything but the route, the versions and the steps. */
    public static CanaryRequest of(RouteKind kind, String namespace, String name, String stable, String canary,
            List<Integer> steps) {
        return new CanaryRequest(kind, namespace, name, null, stable, canary, steps, null, null,
                HealthAnalysis.DEFAULT_MIN_REQUESTS, null, null, null, 0, 0, null, false);
    }

    /**
     * A request with the defaults for everything but the route, the versions, the steps and the phases; the steps
     * may be empty when a phase ends the rollout (an A/B phase with nothing after it, or a mirror before a switch).
     */
    public static CanaryRequest of(RouteKind kind, String namespace, String name, String stable, String canary,
            List<Integer> steps, CanaryPhases phases) {
        return new CanaryRequest(kind, namespace, name, null, stable, canary, steps, null, null,
                HealthAnalysis.DEFAULT_MIN_REQUESTS, null, null, null, 0, 0, null, false, null, null, null, phases);
    }

    /** The rollout plan this request describes. */
    public CanaryPlan plan() {
        return new CanaryPlan(steps, interval, failureLimit, inconclusiveLimit, endAction,
                deadline == null ? CanaryPlan.defaultDeadline(steps, interval, phases) : deadline, analysisMode,
                sampleEvery, onInconclusive, phases);
    }

    /** The health checks this request describes, over one interval to start with. */
    public HealthAnalysis analysis() {
        return HealthAnalysis.of(checks, interval, minRequests);
    }

    public CanaryRequest withRoute(String newRoute) {
        return new CanaryRequest(kind, namespace, name, newRoute, stable, canary, steps, interval, checks,
                minRequests, versionLabel, reporter, endAction, failureLimit, inconclusiveLimit, deadline, takeOver, analysisMode, sampleEvery,
                onInconclusive, phases);
    }

    public CanaryRequest withChecks(List<String> newChecks) {
        return new CanaryRequest(kind, namespace, name, route, stable, canary, steps, interval, newChecks,
                minRequests, versionLabel, reporter, endAction, failureLimit, inconclusiveLimit, deadline, takeOver, analysisMode, sampleEvery,
                onInconclusive, phases);
    }

    public CanaryRequest withInterval(Duration newInterval) {
        return new CanaryRequest(kind, namespace, name, route, stable, canary, steps, newInterval, checks,
                minRequests, versionLabel, reporter, endAction, failureLimit, inconclusiveLimit, deadline, takeOver, analysisMode, sampleEvery,
                onInconclusive, phases);
    }

    public CanaryRequest withEndAction(EndAction newEndAction) {
        return new CanaryRequest(kind, namespace, name, route, stable, canary, steps, interval, checks,
                minRequests, versionLabel, reporter, newEndAction, failureLimit, inconclusiveLimit, deadline,
                takeOver, analysisMode, sampleEvery,
                onInconclusive, phases);
    }

    public CanaryRequest withLimits(int newFailureLimit, int newInconclusiveLimit, Duration newDeadline) {
        return new CanaryRequest(kind, namespace, name, route, stable, canary, steps, interval, checks,
                minRequests, versionLabel, reporter, endAction, newFailureLimit, newInconclusiveLimit, newDeadline,
                takeOver, analysisMode, sampleEvery,
                onInconclusive, phases);
    }

    /** The same request judged in {@code mode}, looking every {@code every} when sequential (null: the default). */
    public CanaryRequest withAnalysis(AnalysisMode mode, Duration every) {
        return new CanaryRequest(kind, namespace, name, route, stable, canary, steps, interval, checks, minRequests,
                versionLabel, reporter, endAction, failureLimit, inconclusiveLimit, deadline, takeOver, mode, every,
                onInconclusive, phases);
    }

    public CanaryRequest withOnInconclusive(InconclusiveAction action) {
        return new CanaryRequest(kind, namespace, name, route, stable, canary, steps, interval, checks, minRequests,
                versionLabel, reporter, endAction, failureLimit, inconclusiveLimit, deadline, takeOver, analysisMode,
                sampleEvery, action, phases);
    }

    /** The same request with a mirror phase, an A/B phase or sticky sessions ({@link CanaryPhases}). */
    public CanaryRequest withPhases(CanaryPhases newPhases) {
        return new CanaryRequest(kind, namespace, name, route, stable, canary, steps, interval, checks, minRequests,
                versionLabel, reporter, endAction, failureLimit, inconclusiveLimit, deadline, takeOver, analysisMode,
                sampleEvery, onInconclusive, newPhases);
    }

    private static void requireDestination(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " version is missing: give a subset (v1), host:subset "
                    + "(reviews:v1) or a host (reviews-" + what + ")");
        }
        String host = value.contains(":") ? value.substring(0, value.indexOf(':')) : value;
        String subset = value.contains(":") ? value.substring(value.indexOf(':') + 1) : null;
        if (!KubernetesName.isSubdomain(host) || (subset != null && !KubernetesName.isLabel(subset))) {
            throw new IllegalArgumentException(what + " '" + value.strip() + "' is not a valid destination: give a "
                    + "subset (v1), host:subset (reviews:v1) or a host (reviews-" + what + "), in lower case");
        }
    }
}
