package io.jenkins.plugins.mesh.plugin.steps;

import com.fasterxml.jackson.databind.JsonNode;
import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import io.jenkins.plugins.mesh.engine.traffic.RoutePreview;
import io.jenkins.plugins.mesh.engine.traffic.RouteStatus;
import io.jenkins.plugins.mesh.engine.traffic.RouteTarget;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficException;
import io.jenkins.plugins.mesh.engine.traffic.WeightChange;
import io.jenkins.plugins.mesh.engine.traffic.WeightedDestination;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code meshTraffic} and {@code meshRollback} on the engine's {@link TrafficController}: the plan JSON of the step in,
 * a one-line summary out. The engine validates the route, takes its lock, stores the snapshot and refuses to overwrite
 * someone else's change; engine failures fail the step with the engine's message.
 */
final class RouteChanges {

    private RouteChanges() {
    }

    /** Sets the canary's weight (100 promotes and releases the lock); with dryRun prints the diff only. */
    static String setTraffic(String planJson, Run<?, ?> run, TaskListener listener) throws IOException {
        JsonNode plan = PlanJson.read(planJson);
        PrintStream log = listener.getLogger();
        int weight = plan.path("weight").asInt();
        try (BuildCluster cluster = BuildCluster.open(PlanJson.text(plan, "cluster"), run)) {
            TrafficController traffic = cluster.traffic();
            RouteTarget target = traffic.resolve(kind(plan), PlanJson.text(plan, "namespace"),
                    PlanJson.text(plan, "name"), PlanJson.text(plan, "route"), PlanJson.text(plan, "stable"),
                    PlanJson.text(plan, "canary"));
            if (plan.path("dryRun").asBoolean()) {
                RoutePreview preview = traffic.preview(target, weight);
                log.print(preview.diff());
                return preview.changes() ? Messages.RouteChanges_DryRun()
                        : Messages.RouteChanges_Unchanged(target.describe());
            }
            traffic.begin(target, cluster.holder(), false);
            WeightChange change = weight == 100 ? traffic.promote(target, cluster.holder())
                    : traffic.setWeight(target, cluster.holder(), weight);
            warn(change, log);
            return Messages.RouteChanges_Set(target.describe(), change.route(), weights(change.before()),
                    weights(change.after()), weight == 100 ? Messages.RouteChanges_Promoted(change.lease())
                            : Messages.RouteChanges_Held(change.lease()));
        } catch (TrafficException | IllegalArgumentException e) {
            throw new AbortException("meshTraffic: " + e.getMessage());
        }
    }

    /** Restores the route from the snapshot in its lease; succeeds, saying so, when no lease holds one. */
    static String rollback(String planJson, Run<?, ?> run, TaskListener listener) throws IOException {
        JsonNode plan = PlanJson.read(planJson);
        PrintStream log = listener.getLogger();
        RouteKind kind = kind(plan);
        String object = kind.kind() + " " + PlanJson.text(plan, "namespace") + "/" + PlanJson.text(plan, "name");
        try (BuildCluster cluster = BuildCluster.open(PlanJson.text(plan, "cluster"), run)) {
            TrafficController traffic = cluster.traffic();
            Optional<RouteStatus> lease = traffic.leaseOn(kind, PlanJson.text(plan, "namespace"),
                    PlanJson.text(plan, "name"), PlanJson.text(plan, "route"));
            if (lease.isEmpty()) {
                return Messages.RouteChanges_NothingToRestore(object);
            }
            if (plan.path("dryRun").asBoolean()) {
                log.print(traffic.previewRestore(lease.get().lease()).diff());
                return Messages.RouteChanges_DryRun();
            }
            WeightChange change = traffic.restore(lease.get().lease(), cluster.holder());
            warn(change, log);
            return Messages.RouteChanges_Restored(object, change.route(), weights(change.before()),
                    weights(change.after()), change.lease());
        } catch (TrafficException | IllegalArgumentException e) {
            throw new AbortException("meshRollback: " + e.getMessage());
        }
    }

    static RouteKind kind(JsonNode plan) {
        return RouteKind.valueOf(PlanJson.text(plan, "kind"));
    }

    private static void warn(WeightChange change, PrintStream log) {
        change.warnings().forEach(w -> log.println(Messages.RouteChanges_Warning(w)));
    }

    private static String weights(List<WeightedDestination> weights) {
        return weights.stream().map(WeightedDestination::toString).collect(Collectors.joining(", "));
    }
}
