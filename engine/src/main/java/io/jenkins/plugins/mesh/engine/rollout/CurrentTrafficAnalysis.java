package io.jenkins.plugins.mesh.engine.rollout;

import io.jenkins.plugins.mesh.engine.analysis.MeshObserver;
import io.jenkins.plugins.mesh.engine.analysis.MetricProvider;
import io.jenkins.plugins.mesh.engine.analysis.StepResult;
import io.jenkins.plugins.mesh.engine.analysis.VersionLabel;
import io.jenkins.plugins.mesh.engine.analysis.VersionSelector;
import io.jenkins.plugins.mesh.engine.traffic.Destination;
import io.jenkins.plugins.mesh.engine.traffic.RouteTarget;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import java.time.Instant;
import java.util.Objects;

/**
 * The checks of a canary run once against the current traffic, over one window, with no route change and no lock:
 * {@code mesh analyze} and the {@code meshAnalyze} step, for pipelines that shift traffic themselves
 * ({@code meshTraffic}), run their own tests and decide. The versions' metric selectors are found as a canary finds
 * them; evaluating reads the metrics only.
 */
public final class CurrentTrafficAnalysis {

    private final AnalysisRequest request;
    private final String description;
    private final VersionSelector stable;
    private final VersionSelector canary;

    private CurrentTrafficAnalysis(AnalysisRequest request, String description, VersionSelector stable,
            VersionSelector canary) {
        this.request = request;
        this.description = description;
        this.stable = stable;
        this.canary = canary;
    }

    /**
     * Finds the two versions: through the route when the request names one (reads it, writes nothing), else from the
     * service and label values as given.
     *
     * @param traffic reads the route; may be null when the request names no route
     * @throws io.jenkins.plugins.mesh.engine.traffic.TrafficException when the route or a destination is missing
     */
    public static CurrentTrafficAnalysis prepare(AnalysisRequest request, TrafficController traffic) {
        String namespace = request.namespace();
        if (request.kind() != null) {
            Objects.requireNonNull(traffic, "a request naming a route needs a traffic controller to read it");
            RouteTarget target = traffic.resolve(request.kind(), namespace, request.name(), request.route(),
                    request.stable(), request.canary());
            return new CurrentTrafficAnalysis(request, target.describe() + (target.route() != null ? " route "
                    + target.route() : "") + ": " + target.stable() + " -> " + target.canary(),
                    selector(request, target.stable(), namespace), selector(request, target.canary(), namespace));
        }
        if (request.name() != null) {
            VersionLabel label = label(request);
            return new CurrentTrafficAnalysis(request, "Service " + namespace + "/" + request.name() + ": "
                    + request.stable() + " -> " + request.canary(), new VersionSelector(namespace, request.name(),
                    label, request.stable()), new VersionSelector(namespace, request.name(), label, request.canary()));
        }
        return new CurrentTrafficAnalysis(request, "Services " + namespace + "/" + request.stable() + " -> "
                + namespace + "/" + request.canary(), VersionSelector.host(namespace, request.stable()),
                VersionSelector.host(namespace, request.canary()));
    }

    /** Runs every check over the window ending at {@code at}; a metric error makes a check inconclusive. */
    public AnalysisReport evaluate(MeshObserver observer, MetricProvider metrics, Instant at) {
        StepResult result = request.analysis().evaluate(observer, metrics, stable, canary, at);
        return AnalysisReport.of(this, result);
    }

    public AnalysisRequest request() {
        return request;
    }

    /** {@code VirtualService bookinfo/reviews route primary: reviews:v1 -> reviews:v2}. */
    public String describe() {
        return description;
    }

    public VersionSelector stable() {
        return stable;
    }

    public VersionSelector canary() {
        return canary;
    }

    private static VersionSelector selector(AnalysisRequest request, Destination destination, String namespace) {
        String service = CanaryRollout.shortName(destination.host());
        String at = CanaryRollout.namespaceOf(destination.host(), namespace);
        return destination.subset() == null ? VersionSelector.host(at, service)
                : new VersionSelector(at, service, label(request), destination.subset());
    }

    /** Subsets differ in a version label; the service name tells Services apart, not subsets. */
    private static VersionLabel label(AnalysisRequest request) {
        return request.versionLabel() == VersionLabel.DESTINATION_SERVICE_NAME ? VersionLabel.DESTINATION_VERSION
                : request.versionLabel();
    }
}
