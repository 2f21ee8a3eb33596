package io.jenkins.plugins.mesh.plugin.steps;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.mesh.engine.analysis.MeshObserver;
import io.jenkins.plugins.mesh.engine.analysis.PrometheusMeshObserver;
import io.jenkins.plugins.mesh.engine.analysis.PrometheusMetricProvider;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRequest;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRollout;
import io.jenkins.plugins.mesh.engine.rollout.RolloutDriver;
import io.jenkins.plugins.mesh.engine.rollout.RolloutListener;
import io.jenkins.plugins.mesh.engine.rollout.RolloutState;
import io.jenkins.plugins.mesh.engine.rollout.RolloutStateJson;
import io.jenkins.plugins.mesh.engine.rollout.StagePreview;
import io.jenkins.plugins.mesh.engine.rollout.TrafficEstimate;
import io.jenkins.plugins.mesh.engine.traffic.TrafficException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * One call into a canary: the persisted request prepared again against the cluster and the metric server (the route
 * is resolved, nothing is written), then the engine's driver run until the rollout must wait or is over. Built per
 * tick and closed after it, so no client and no engine object outlives it; a resumed build builds it again.
 */
final class CanaryTick implements AutoCloseable {

    private static final RolloutStateJson JSON = new RolloutStateJson();

    private final BuildCluster cluster;
    private final CanaryRollout rollout;
    private final MeshObserver observer;

    private CanaryTick(BuildCluster cluster, CanaryRollout rollout, MeshObserver observer) {
        this.cluster = cluster;
        this.rollout = rollout;
        this.observer = observer;
    }

    /**
     * Connects to the cluster and the metric server as the build. The first tick resolves the route (reading it,
     * writing nothing); later ticks pass the target it resolved and read nothing, so reaching the cluster only
     * happens inside the engine's actions, where a failure is retried or the routes restored.
     *
     * @param targetJson the target the first tick resolved ({@link #targetJson()}), or null on the first tick
     * @throws AbortException with the engine's message when the route or a destination is missing, or the
     *     configuration, a credential or the connection is wrong
     */
    static CanaryTick prepare(String clusterName, String metricsName, String requestJson, String targetJson,
            Run<?, ?> run) throws IOException {
        CanaryRequest request = JSON.readRequest(requestJson);
        PrometheusMetricProvider metrics = BuildMetrics.open("meshCanary", metricsName, run);
        BuildCluster cluster = BuildCluster.open(clusterName, run);
        try {
            PrometheusMeshObserver observer = new PrometheusMeshObserver(metrics, request.reporter());
            CanaryRollout rollout = targetJson == null
                    ? CanaryRollout.prepare(request, cluster.traffic(), cluster.holder(), observer, metrics)
                    : CanaryRollout.resume(request, JSON.readTarget(targetJson), cluster.traffic(), cluster.holder(),
                            observer, metrics);
            return new CanaryTick(cluster, rollout, observer);
        } catch (TrafficException | IllegalArgumentException e) {
            cluster.close();
            throw new AbortException("meshCanary: " + e.getMessage());
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The resolved target as JSON, for the execution to persist after the first tick. */
    String targetJson() {
        return JSON.write(rollout.target());
    }

    /** "VirtualService bookinfo/reviews route primary: v1 -> v2". */
    String describe() {
        return rollout.describe();
    }

    /** The dry run: each phase and step in a sentence and its diffs. Writes nothing. */
    List<StagePreview> previewStages() {
        return rollout.previewStages();
    }

    /** Whether the pre-flight can estimate the first stage (not when it is an A/B phase, whose share is unknown). */
    boolean canEstimate() {
        return rollout.canEstimate();
    }

    /**
     * The traffic pre-flight alone, for the dry run: the service's current rate and how long the first step needs to
     * be judged. Reads the metrics, writes nothing.
     */
    TrafficEstimate estimate() throws Exception {
        return rollout.estimate(observer, Instant.now());
    }

    /** The state of a rollout that has written nothing yet. */
    RolloutState start() {
        return rollout.start(Instant.now());
    }

    RolloutDriver.Progress advance(RolloutState state, RolloutListener listener) {
        return rollout.driver(Clock.systemUTC(), listener).advance(state);
    }

    RolloutDriver.Progress abort(RolloutState state, String by, RolloutListener listener) {
        return rollout.driver(Clock.systemUTC(), listener).abort(state, by);
    }

    @Override
    public void close() {
        cluster.close();
    }
}
