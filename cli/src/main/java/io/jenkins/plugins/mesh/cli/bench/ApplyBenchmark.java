package io.jenkins.plugins.mesh.cli.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import io.jenkins.plugins.mesh.engine.apply.ApplyDriver;
import io.jenkins.plugins.mesh.engine.apply.ApplyOptions;
import io.jenkins.plugins.mesh.engine.apply.ApplyOutcome;
import io.jenkins.plugins.mesh.engine.apply.ApplyPlan;
import io.jenkins.plugins.mesh.engine.apply.ApplyState;
import io.jenkins.plugins.mesh.engine.apply.ConfigApply;
import io.jenkins.plugins.mesh.engine.apply.GateRecord;
import io.jenkins.plugins.mesh.engine.config.MeshKind;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.SourceLocation;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import io.jenkins.plugins.mesh.engine.validate.Validator;
import io.jenkins.plugins.mesh.simulator.MeshResources;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * P6: mesh apply of 100 objects (50 VirtualServices, 50 DestinationRules) through the simulator's API server (real
 * HTTP on loopback): plan, a Lease per object with its snapshot, the writes with the resourceVersion read, reading
 * every object back, an audit Event per change, the Leases released. Then the revert: an apply whose first health
 * analysis fails, timed from that analysis to every object put back, read back and released (p50 and p99 over the
 * runs).
 */
public final class ApplyBenchmark implements BenchSection {

    private static final String NAMESPACE = "bench-p6";
    private static final int APPS = 50;

    @Override
    public String id() {
        return "P6";
    }

    @Override
    public BenchTable run(boolean quick) throws Exception {
        int runs = quick ? 5 : 20;
        try (LoopbackCluster loopback = LoopbackCluster.start()) {
            SimulatedCluster cluster = loopback.cluster();
            List<String> names = cluster.createVirtualServices(NAMESPACE, "p6", APPS);
            KubernetesClient client = cluster.client();
            ConfigApply config = new ConfigApply(client, Clock.systemUTC(), TrafficSettings.defaults());
            long[] plans = new long[runs];
            long[] applies = new long[runs];
            long[] reverts = new long[runs];
            int objects = 0;
            for (int run = 0; run < runs; run++) {
                long start = System.nanoTime();
                ApplyPlan plan = plan(config, client, names, run * 2 + 1);
                long planned = System.nanoTime();
                objects = plan.writes().size();
                ApplyState applied = config.driver(null, null, null).advance(ApplyState.start(plan, "bench", null,
                        ApplyOptions.DEFAULT, Instant.now())).state();
                long done = System.nanoTime();
                require(applied, ApplyOutcome.APPLIED);
                plans[run] = planned - start;
                applies[run] = done - planned;

                ApplyPlan bad = plan(config, client, names, run * 2 + 2);
                ApplyDriver failing = config.driver((services, changedAt, at) -> new GateRecord(at, Verdict.FAIL,
                        "scripted failure"), null, null);
                ApplyOptions watched = new ApplyOptions(List.of("success-rate>=99"), Duration.ofMinutes(5),
                        Duration.ofSeconds(1), Duration.ofMinutes(10));
                ApplyDriver.Progress watching = failing.advance(ApplyState.start(bad, "bench", null, watched,
                        Instant.now()));
                // the revert is timed from the tick whose analysis fails to every object restored and released
                long revertStart;
                do {
                    Thread.sleep(Math.max(0, Duration.between(Instant.now(), watching.wakeAt()).toMillis() + 2));
                    revertStart = System.nanoTime();
                    watching = failing.advance(watching.state());
                } while (!watching.isDone());
                ApplyState reverted = watching.state();
                reverts[run] = System.nanoTime() - revertStart;
                require(reverted, ApplyOutcome.REVERTED);
                loopback.forgetRequests();
            }
            List<List<String>> rows = List.of(
                    List.of("plan (7 lists, the route Leases, three-way diff)", String.valueOf(objects), ms(percentile(plans, 50)),
                            ms(percentile(plans, 99)), ms(percentile(plans, 50) / objects)),
                    List.of("apply + verify (lock, write, read back, Event, release)", String.valueOf(objects),
                            ms(percentile(applies, 50)), ms(percentile(applies, 99)),
                            ms(percentile(applies, 50) / objects)),
                    List.of("revert after a failed check (restore, read back, Event, release)",
                            String.valueOf(objects), ms(percentile(reverts, 50)), ms(percentile(reverts, 99)),
                            ms(percentile(reverts, 50) / objects)));
            return new BenchTable("P6", "mesh apply and revert of " + objects + " objects through the simulator's "
                    + "API server on loopback (" + runs + " runs)", List.of("step", "objects", "p50", "p99",
                    "p50 per object"), rows);
        }
    }

    private static void require(ApplyState state, ApplyOutcome wanted) {
        if (state.outcome() != wanted) {
            throw new IllegalStateException("the benchmark's apply ended " + state.outcome() + " (" + state.reason()
                    + "), not " + wanted);
        }
    }

    /** Plans the live objects with a new timeout and connection limit: an update of every object. */
    @SuppressWarnings("unchecked")
    private static ApplyPlan plan(ConfigApply config, KubernetesClient client, List<String> names, int version) {
        List<MeshResource> files = new ArrayList<>();
        for (String name : names) {
            Map<String, Object> vs = body(client.genericKubernetesResources(MeshResources.virtualService("v1"))
                    .inNamespace(NAMESPACE).withName(name).get());
            Map<String, Object> route = ((List<Map<String, Object>>) ((Map<String, Object>) vs.get("spec"))
                    .get("http")).get(0);
            route.put("timeout", version + "s");
            files.add(resource(MeshKind.VIRTUAL_SERVICE, name, vs));
            Map<String, Object> dr = body(client.genericKubernetesResources(MeshResources.destinationRule("v1"))
                    .inNamespace(NAMESPACE).withName(name).get());
            ((Map<String, Object>) dr.get("spec")).put("trafficPolicy",
                    Map.of("connectionPool", Map.of("tcp", Map.of("maxConnections", 100 + version))));
            files.add(resource(MeshKind.DESTINATION_RULE, name, dr));
        }
        return config.planner(Validator.standard()).planObjects(files, List.of(NAMESPACE), false);
    }

    @SuppressWarnings("unchecked")
    private static MeshResource resource(MeshKind kind, String name, Map<String, Object> body) {
        Map<String, Object> metadata = (Map<String, Object>) body.get("metadata");
        metadata.keySet().retainAll(List.of("name", "namespace", "labels", "annotations"));
        body.remove("status");
        return new MeshResource(kind, MeshResources.ISTIO_GROUP + "/v1", NAMESPACE, name, body,
                new SourceLocation("p6.yaml", 1));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(GenericKubernetesResource object) {
        return Serialization.jsonMapper().convertValue(object, Map.class);
    }

    private static long percentile(long[] values, int percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String ms(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
