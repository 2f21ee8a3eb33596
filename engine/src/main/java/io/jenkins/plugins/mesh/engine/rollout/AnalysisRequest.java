package io.jenkins.plugins.mesh.engine.rollout;

import io.jenkins.plugins.mesh.engine.KubernetesName;
import io.jenkins.plugins.mesh.engine.analysis.CheckSpecs;
import io.jenkins.plugins.mesh.engine.analysis.HealthAnalysis;
import io.jenkins.plugins.mesh.engine.analysis.Reporter;
import io.jenkins.plugins.mesh.engine.analysis.VersionLabel;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import java.time.Duration;
import java.util.List;

/**
 * What a user asks of an analysis of the current traffic ({@code mesh analyze}, {@code meshAnalyze}): which two
 * versions, the checks, one window, and when it fails. It changes no route and takes no lock. The versions are named
 * as for a canary, through its route ({@code kind} set: {@code --stable v1} is resolved against the route's
 * destinations), or without a cluster: by service and label values ({@code kind} null, {@code name} the Service),
 * or as two Services of a host-based canary ({@code kind} and {@code name} null). Validated when made.
 *
 * @param kind VirtualService or HTTPRoute whose destinations name the versions, or null
 * @param namespace the namespace of the route or the services
 * @param name the route object's name; with no kind, the Service whose subsets are the versions, or null
 * @param route the HTTP route or rule inside the object, or null
 * @param stable the stable version, as for a canary (a subset, {@code host:subset} or a host)
 * @param canary the canary version, likewise
 * @param checks check specs ({@link CheckSpecs}); empty means {@link CanaryRequest#DEFAULT_CHECKS}
 * @param window how far back the checks look, at least 1 s
 * @param minRequests fewer requests than this make a check inconclusive
 * @param versionLabel the metric label telling subsets apart
 * @param reporter Istio's reporter to read
 * @param failOn when the analysis fails
 */
public record AnalysisRequest(RouteKind kind, String namespace, String name, String route, String stable,
        String canary, List<String> checks, Duration window, double minRequests, VersionLabel versionLabel,
        Reporter reporter, FailOn failOn) {

    public AnalysisRequest {
        KubernetesName.requireLabel("namespace", namespace);
        name = name == null || name.isBlank() ? null : name.strip();
        route = route == null || route.isBlank() ? null : route.strip();
        if (kind != null) {
            KubernetesName.requireSubdomain(kind.kind() + " name", name);
        } else if (name != null) {
            KubernetesName.requireLabel("service", name);
        }
        if (kind == null && route != null) {
            throw new IllegalArgumentException("a route (" + route + ") needs the VirtualService or HTTPRoute that "
                    + "holds it");
        }
        for (String[] side : new String[][] {{"stable", stable}, {"canary", canary}}) {
            if (side[1] == null || side[1].isBlank()) {
                throw new IllegalArgumentException("the " + side[0] + " version is missing: name a subset (v1), "
                        + "host:subset or a host");
            }
        }
        if (stable.strip().equals(canary.strip())) {
            throw new IllegalArgumentException("stable and canary are both " + stable + ": give two versions");
        }
        checks = checks == null || checks.isEmpty() ? CanaryRequest.DEFAULT_CHECKS : List.copyOf(checks);
        CheckSpecs.parseAll(checks);
        window = window == null ? HealthAnalysis.DEFAULT_WINDOW : window;
        if (window.toMillis() < 1000) {
            throw new IllegalArgumentException("the analysis window must be at least 1s, got " + window);
        }
        if (!(minRequests >= 0) || Double.isInfinite(minRequests)) {
            throw new IllegalArgumentException("minRequests must be a number >= 0, got " + minRequests);
        }
        versionLabel = versionLabel == null ? VersionLabel.DESTINATION_VERSION : versionLabel;
        reporter = reporter == null ? Reporter.DESTINATION : reporter;
        failOn = failOn == null ? FailOn.DEFAULT : failOn;
    }

    /** The versions of a route's destinations, with the defaults for everything else. */
    public static AnalysisRequest onRoute(RouteKind kind, String namespace, String name, String route, String stable,
            String canary) {
        return new AnalysisRequest(kind, namespace, name, route, stable, canary, null, null,
                HealthAnalysis.DEFAULT_MIN_REQUESTS, null, null, null);
    }

    /** Two subsets (label values) of {@code service}, or two Services when it is null; no cluster is read. */
    public static AnalysisRequest onService(String namespace, String service, String stable, String canary) {
        return new AnalysisRequest(null, namespace, service, null, stable, canary, null, null,
                HealthAnalysis.DEFAULT_MIN_REQUESTS, null, null, null);
    }

    /** The checks over the window. */
    public HealthAnalysis analysis() {
        return HealthAnalysis.of(checks, window, minRequests);
    }

    public AnalysisRequest withChecks(List<String> newChecks) {
        return new AnalysisRequest(kind, namespace, name, route, stable, canary, newChecks, window, minRequests,
                versionLabel, reporter, failOn);
    }

    public AnalysisRequest withWindow(Duration newWindow) {
        return new AnalysisRequest(kind, namespace, name, route, stable, canary, checks, newWindow, minRequests,
                versionLabel, reporter, failOn);
    }

    public AnalysisRequest withFailOn(FailOn newFailOn) {
        return new AnalysisRequest(kind, namespace, name, route, stable, canary, checks, window, minRequests,
                versionLabel, reporter, newFailOn);
    }
}
