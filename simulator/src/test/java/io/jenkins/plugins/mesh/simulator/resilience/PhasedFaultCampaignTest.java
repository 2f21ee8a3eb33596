package io.jenkins.plugins.mesh.simulator.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.mesh.engine.kube.Backoff;
import io.jenkins.plugins.mesh.engine.kube.ClusterClientFactory;
import io.jenkins.plugins.mesh.engine.kube.ClusterConnection;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRollout;
import io.jenkins.plugins.mesh.engine.rollout.Outcome;
import io.jenkins.plugins.mesh.engine.rollout.Phase;
import io.jenkins.plugins.mesh.engine.rollout.RolloutListener;
import io.jenkins.plugins.mesh.engine.rollout.RolloutState;
import io.jenkins.plugins.mesh.engine.traffic.Holder;
import io.jenkins.plugins.mesh.engine.traffic.LeaseRef;
import io.jenkins.plugins.mesh.engine.traffic.RouteLease;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficException;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import io.jenkins.plugins.mesh.simulator.ApiFault;
import io.jenkins.plugins.mesh.simulator.FaultInjectingProxy;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import io.jenkins.plugins.mesh.simulator.SimulatedObserver;
import io.jenkins.plugins.mesh.simulator.SimulatedRolloutRunner;
import io.jenkins.plugins.mesh.simulator.SimulationClock;
import io.jenkins.plugins.mesh.simulator.TrafficModel;
import io.jenkins.plugins.mesh.simulator.VersionBehaviour;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.Test;

/**
 * R1 for canaries with phases: the phase variants of {@link PhasedCanary} (mirror, A/B kept or taken away, A/B
 * only, all of them with sticky steps) through 30% injected API faults, as {@link FaultCampaignTest} does for
 * weights. Nobody else edits the objects here, so each run's whole VirtualService spec can be held to what it was:
 * exactly the pre-rollout spec after any ending but PROMOTED (no mirror, A/B route or sticky route left), that with
 * the canary at 100 and nothing else after PROMOTED; a Lease left behind must carry the restore-pending mark, and a
 * rollback once the faults stop must then restore the spec. Every 10th run loses its VirtualService writes from its
 * first restore on. 10 runs here (2 per variant); more with {@code -Dmesh.resilience.phaseRuns=N}.
 */
public class PhasedFaultCampaignTest {

    private static final String NAMESPACE = "phased-faults";
    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final int THREADS = 5;
    private static final long SEED = 20261203L;

    private SimulatedCluster cluster;
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> outcomes = new ConcurrentSkipListMap<>();
    private final Map<String, Integer> counts = new ConcurrentSkipListMap<>();

    @Test
    public void everyPhasedRunEndsWithTheSpecRestoredPromotedOrDurablyPending() throws Exception {
        int runs = Integer.getInteger("mesh.resilience.phaseRuns", 10);
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (SimulatedCluster simulated = SimulatedCluster.start()) {
            cluster = simulated;
            List<String> names = cluster.createVirtualServices(NAMESPACE, "route", runs);
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < THREADS; w++) {
                int worker = w;
                workers.add(pool.submit(() -> {
                    work(worker, names);
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("R1 phases: " + runs + " runs in " + (System.nanoTime() - started) / 1_000_000 + " ms; "
                + "outcomes " + outcomes + "; " + counts + "; violations " + violations.size());
        assertThat(violations).isEmpty();
        // The campaign must have exercised what it claims to.
        assertThat(outcomes.keySet()).contains("PROMOTED", "ROLLED_BACK", "RESTORE_PENDING");
        for (PhasedCanary.Variant variant : PhasedCanary.VARIANTS) {
            assertThat(counts.getOrDefault("runs " + variant.name(), 0)).as(variant.name()).isPositive();
        }
        assertThat(counts.get("faults injected")).isPositive();
        assertThat(counts.get("completed by a rollback")).isEqualTo(outcomes.get("RESTORE_PENDING"));
    }

    private void work(int worker, List<String> names) throws Exception {
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(URI.create(cluster.url()), SEED + worker);
                KubernetesClient client = new ClusterClientFactory().connect(ClusterConnection
                        .token(proxy.url(), "campaign-token", null, false)
                        .withRequestTimeout(Duration.ofMillis(300)))) {
            proxy.slowDelay(Duration.ofMillis(450));
            for (int i = worker; i < names.size(); i += THREADS) {
                proxy.allFaults(0.3, false);
                try {
                    runOne(i, names.get(i), proxy, client);
                } catch (RuntimeException e) {
                    violations.add("run " + i + " threw " + e);
                }
            }
            proxy.heal();
            long injected = 0;
            for (ApiFault fault : ApiFault.values()) {
                injected += proxy.injected(fault);
            }
            counts.merge("faults injected", (int) injected, Integer::sum);
        }
    }

    private void runOne(int index, String name, FaultInjectingProxy proxy, KubernetesClient client) {
        // Mixed seeds: neighbouring seeds give alike first draws.
        Random random = new Random(new Random(SEED * 31 + index).nextLong());
        PhasedCanary.Variant variant = PhasedCanary.VARIANTS.get(index % PhasedCanary.VARIANTS.size());
        counts.merge("runs " + variant.name(), 1, Integer::sum);
        boolean outage = index % 10 == 9;
        VersionBehaviour canary = !outage && random.nextBoolean() ? PhasedCanary.HEALTHY
                : random.nextBoolean() ? PhasedCanary.FAILING
                : PhasedCanary.HEALTHY.errorsFrom(Duration.ofSeconds(40), 0.2);
        SimulationClock clock = SimulationClock.at(START);
        JsonNode original = PhasedCanary.spec(cluster, NAMESPACE, name);
        TrafficModel model = PhasedCanary.model(cluster, NAMESPACE, name, canary, clock, index);
        TrafficSettings settings = new TrafficSettings(Duration.ofMinutes(5), Backoff.DEFAULT, delay -> {
        }, new Random(index), 5);
        TrafficController traffic = new TrafficController(client, clock, settings);
        CanaryRollout rollout;
        try {
            rollout = CanaryRollout.prepare(PhasedCanary.request(variant, NAMESPACE, name), traffic,
                    Holder.localUser("campaign", "run-" + index), new SimulatedObserver(model), null);
        } catch (TrafficException e) {
            outcomes.merge("not prepared", 1, Integer::sum);
            expectSpec(index, name, original, "not prepared (" + e.getMessage() + ")");
            return;
        }
        RolloutListener listener = new RolloutListener() {
            private boolean outageStarted;

            @Override
            public void onState(RolloutState state) {
                if (outage && !outageStarted && state.phase() == Phase.RESTORING) {
                    outageStarted = true;
                    proxy.faults(Map.of(ApiFault.UNAVAILABLE, 1.0), true).onlyPathsContaining("/virtualservices/");
                }
            }
        };
        SimulatedRolloutRunner runner = new SimulatedRolloutRunner(clock, List.of(model));
        if (random.nextInt(7) == 0) {
            runner.abortAt(START.plusSeconds(random.nextInt(120)), "an operator");
        }
        RolloutState end = runner.run(rollout.driver(clock, listener), rollout.start(clock.instant()));
        proxy.heal();
        TrafficController healed = new TrafficController(client, clock, settings);
        judge(index, variant, name, end, original, healed, healed.leaseOf(rollout.target()));
    }

    private void judge(int index, PhasedCanary.Variant variant, String name, RolloutState end, JsonNode original,
            TrafficController healed, LeaseRef ref) {
        Outcome outcome = end.outcome();
        outcomes.merge(outcome.name(), 1, Integer::sum);
        String what = variant.name() + ": " + outcome + " (" + end.reason() + ")";
        RouteLease lease = healed.lease(ref).orElse(null);
        switch (outcome) {
            case PROMOTED -> {
                expectSpec(index, name, PhasedCanary.promoted(original), what);
                expectNoLease(index, lease, what);
            }
            case ROLLED_BACK, ABORTED, INCONCLUSIVE -> {
                expectSpec(index, name, original, what);
                expectNoLease(index, lease, what);
            }
            case NOT_STARTED -> {
                expectSpec(index, name, original, what);
                if (lease != null) {
                    // begin may have created the Lease before failing: nothing was written, a rollback releases it.
                    counts.merge("not started, Lease given back by a rollback", 1, Integer::sum);
                    healed.restore(ref, new Holder("rollback", null));
                }
            }
            case RESTORE_PENDING -> {
                if (lease == null || lease.restorePending() == null) {
                    violations.add("run " + index + " ended " + what + " but " + ref + " has no pending mark");
                }
                try {
                    healed.restore(ref, new Holder("rollback", null));
                    counts.merge("completed by a rollback", 1, Integer::sum);
                } catch (TrafficException e) {
                    violations.add("run " + index + ": the rollback after " + what + " failed: " + e.getMessage());
                }
                expectSpec(index, name, original, what + ", then rolled back");
                expectNoLease(index, healed.lease(ref).orElse(null), what + ", then rolled back");
            }
            default -> violations.add("run " + index + " ended " + what + ", which this campaign does not plan for");
        }
    }

    private void expectSpec(int index, String name, JsonNode expected, String what) {
        JsonNode found = PhasedCanary.spec(cluster, NAMESPACE, name);
        if (!found.equals(expected)) {
            violations.add("run " + index + " ended " + what + " with spec " + found + " instead of " + expected);
        }
    }

    private void expectNoLease(int index, RouteLease lease, String what) {
        if (lease != null) {
            violations.add("run " + index + " ended " + what + " but its Lease is still held by " + lease.holder()
                    + (lease.restorePending() == null ? ", with no restore-pending mark" : ""));
        }
    }
}
