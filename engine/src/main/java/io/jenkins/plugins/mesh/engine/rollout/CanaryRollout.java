package io.jenkins.plugins.mesh.engine.rollout;

import io.jenkins.plugins.mesh.engine.DurationText;
import io.jenkins.plugins.mesh.engine.analysis.MeshObserver;
import io.jenkins.plugins.mesh.engine.analysis.MetricProvider;
import io.jenkins.plugins.mesh.engine.analysis.VersionLabel;
import io.jenkins.plugins.mesh.engine.analysis.VersionSelector;
import io.jenkins.plugins.mesh.engine.traffic.Destination;
import io.jenkins.plugins.mesh.engine.traffic.Holder;
import io.jenkins.plugins.mesh.engine.traffic.RoutePreview;
import io.jenkins.plugins.mesh.engine.traffic.RouteTarget;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A canary made ready to run: the request resolved against the cluster (the route and both destinations found,
 * before anything is written), its metric selectors, and the driver that runs it. `mesh canary` and the
 * `meshCanary` step both start here; a resumed Jenkins step prepares it again from the persisted request.
 */
public final class CanaryRollout {

    private final CanaryRequest request;
    private final TrafficController traffic;
    private final RouteTarget target;
    private final Holder holder;
    private final MeshObserver observer;
    private final MetricProvider metrics;

    private CanaryRollout(CanaryRequest request, TrafficController traffic, RouteTarget target, Holder holder,
            MeshObserver observer, MetricProvider metrics) {
        this.request = request;
        this.traffic = traffic;
        this.target = target;
        this.holder = holder;
        this.observer = observer;
        this.metrics = metrics;
    }

    /**
     * Resolves {@code request} against the cluster: reads the route, writes nothing.
     *
     * @param observer reads the versions' requests and latency (Prometheus, or the simulator)
     * @param metrics runs custom PromQL checks; may be null when the request has none
     * @throws io.jenkins.plugins.mesh.engine.traffic.TrafficException when the route or a destination is missing
     */
    public static CanaryRollout prepare(CanaryRequest request, TrafficController traffic, Holder holder,
            MeshObserver observer, MetricProvider metrics) {
        RouteTarget target = traffic.resolve(request.kind(), request.namespace(), request.name(), request.route(),
                request.stable(), request.canary());
        return new CanaryRollout(request, traffic, target, Objects.requireNonNull(holder, "holder"),
                Objects.requireNonNull(observer, "observer"), metrics);
    }

    /**
     * Prepares a rollout again from the request and the target {@link #prepare} resolved, without reading the
     * cluster: what a resumed or woken rollout does, so that reaching the cluster only ever happens inside the
     * rollout's own actions, where a failure is retried or restored.
     */
    public static CanaryRollout resume(CanaryRequest request, RouteTarget target, TrafficController traffic,
            Holder holder, MeshObserver observer, MetricProvider metrics) {
        return new CanaryRollout(request, traffic, Objects.requireNonNull(target, "target"),
                Objects.requireNonNull(holder, "holder"), Objects.requireNonNull(observer, "observer"), metrics);
    }

    /**
     * Resolves {@code request} for a dry run: {@link #preview()}, {@link #target()} and {@link #describe()} work,
     * with no metric source and nobody holding the route; {@link #driver} refuses. Reads the route, writes nothing.
     *
     * @throws io.jenkins.plugins.mesh.engine.traffic.TrafficException when the route or a destination is missing
     */
    public static CanaryRollout forPreview(CanaryRequest request, TrafficController traffic) {
        RouteTarget target = traffic.resolve(request.kind(), request.namespace(), request.name(), request.route(),
                request.stable(), request.canary());
        return new CanaryRollout(request, traffic, target, null, null, null);
    }

    public RouteTarget target() {
        return target;
    }

    public CanaryRequest request() {
        return request;
    }

    /** The state of a rollout that has written nothing yet. */
    public RolloutState start(Instant now) {
        return RolloutState.start(describe(), request.plan(), now);
    }

    /** A driver for this rollout; build a new one after a restart and continue from the persisted state. */
    public RolloutDriver driver(Clock clock, RolloutListener listener) {
        if (observer == null) {
            throw new IllegalStateException("this canary was prepared for a dry run; prepare it with a metric source "
                    + "and a holder to run it");
        }
        return new RolloutDriver(new TrafficRouteControl(traffic, target, holder, request.takeOver()),
                new HealthCanaryAnalysis(request.analysis(), observer, metrics, stableSelector(), canarySelector()),
                clock, listener);
    }

    /** Whether the first stage's traffic share is known before it runs (not for an A/B phase first). */
    public boolean canEstimate() {
        return request.plan().firstShare() > 0;
    }

    /**
     * The traffic pre-flight on its own, as a dry run prints it: the stable's current request rate and how long the
     * first step needs to gather the requests its analysis needs. Reads the metrics, writes nothing.
     */
    public TrafficEstimate estimate(MeshObserver source, Instant at) throws Exception {
        return new HealthCanaryAnalysis(request.analysis(), source, null, stableSelector(), canarySelector())
                .preFlight(request.plan().firstShare(), at);
    }

    /** What each step would write, as diffs of the route: the dry run. Writes nothing. */
    public List<RoutePreview> preview() {
        List<RoutePreview> previews = new ArrayList<>();
        for (int weight : request.steps()) {
            previews.add(traffic.preview(target, weight));
        }
        if (request.endAction() == EndAction.PROMOTE) {
            previews.add(traffic.preview(target, 100));
        }
        return previews;
    }

    /**
     * What each stage would write, as diffs of the route, for a dry run: the mirror phase, the A/B phase, each
     * weighted step (with the sticky-session routes on the first) and the promotion. Each diff is against the route
     * as it is now. Writes nothing.
     */
    public List<StagePreview> previewStages() {
        CanaryPlan plan = request.plan();
        CanaryPhases phases = plan.phases();
        List<StagePreview> previews = new ArrayList<>();
        boolean firstStep = true;
        int step = 0;
        for (Stage stage : plan.stages()) {
            String length = DurationText.format(stage.duration()) + " until its analysis";
            switch (stage.kind()) {
                case MIRROR -> previews.add(new StagePreview("mirror phase: " + phases.mirror().mirror().describe()
                        + ", for " + length, List.of(traffic.previewChange(target, phases.mirror().mirror()))));
                case MATCH -> previews.add(new StagePreview("A/B phase: " + phases.match().match().describe()
                        + (phases.mirror() != null ? ", the mirror taken away" : "") + ", for " + length,
                        List.of(traffic.previewChange(target, phases.match().match()))));
                case WEIGHT -> {
                    List<RoutePreview> diffs = new ArrayList<>();
                    if (firstStep && phases.sticky() != null) {
                        diffs.add(traffic.previewChange(target, phases.sticky()));
                    }
                    diffs.add(traffic.preview(target, stage.weight()));
                    String kept = !firstStep || phases.match() == null ? ""
                            : phases.match().keepDuringSteps() ? ", the A/B route kept"
                                    : ", the A/B route taken away";
                    step++;
                    previews.add(new StagePreview("step " + step + ": canary " + stage.weight()
                            + "%" + kept + ", then " + length, diffs));
                    firstStep = false;
                }
            }
        }
        String away = phases.isNone() ? "" : ", the rollout's route changes taken away";
        if (request.endAction() == EndAction.PROMOTE) {
            previews.add(new StagePreview("end: promote the canary to 100%" + away,
                    List.of(traffic.preview(target, 100))));
        }
        return previews;
    }

    /** How the stable version shows in Istio's metrics. */
    public VersionSelector stableSelector() {
        return selector(target.stable());
    }

    /** How the canary shows in Istio's metrics. */
    public VersionSelector canarySelector() {
        return selector(target.canary());
    }

    /** "VirtualService bookinfo/reviews route primary: v1 -> v2". */
    public String describe() {
        return target.describe() + (target.route() != null ? " route " + target.route() : "") + ": "
                + name(target.stable()) + " -> " + name(target.canary());
    }

    private VersionSelector selector(Destination destination) {
        String service = shortName(destination.host());
        String namespace = namespaceOf(destination.host(), target.namespace());
        if (destination.subset() == null) {
            return VersionSelector.host(namespace, service);
        }
        VersionLabel label = request.versionLabel() == VersionLabel.DESTINATION_SERVICE_NAME
                ? VersionLabel.DESTINATION_VERSION : request.versionLabel();
        return new VersionSelector(namespace, service, label, destination.subset());
    }

    private static String name(Destination destination) {
        return destination.subset() != null ? destination.subset() : shortName(destination.host());
    }

    /** {@code reviews.shop.svc.cluster.local} -> {@code reviews}. */
    static String shortName(String host) {
        int dot = host.indexOf('.');
        return dot < 0 ? host : host.substring(0, dot);
    }

    /** {@code reviews.shop.svc.cluster.local} -> {@code shop}; a short host lives in the route's namespace. */
    static String namespaceOf(String host, String routeNamespace) {
        String[] parts = host.split("\\.");
        return parts.length >= 2 && !parts[1].isEmpty() ? parts[1] : routeNamespace;
    }
}
