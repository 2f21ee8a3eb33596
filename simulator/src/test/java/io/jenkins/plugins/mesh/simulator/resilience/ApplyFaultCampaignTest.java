package io.jenkins.plugins.mesh.simulator.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import io.jenkins.plugins.mesh.engine.apply.ApplyDriver;
import io.jenkins.plugins.mesh.engine.apply.ApplyItem;
import io.jenkins.plugins.mesh.engine.apply.ApplyOptions;
import io.jenkins.plugins.mesh.engine.apply.ApplyOutcome;
import io.jenkins.plugins.mesh.engine.apply.ApplyPhase;
import io.jenkins.plugins.mesh.engine.apply.ApplyPlan;
import io.jenkins.plugins.mesh.engine.apply.ApplyRollback;
import io.jenkins.plugins.mesh.engine.apply.ApplyState;
import io.jenkins.plugins.mesh.engine.apply.ConfigApply;
import io.jenkins.plugins.mesh.engine.apply.GateRecord;
import io.jenkins.plugins.mesh.engine.apply.ItemStatus;
import io.jenkins.plugins.mesh.engine.apply.ObjectContent;
import io.jenkins.plugins.mesh.engine.config.MeshKind;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.SourceLocation;
import io.jenkins.plugins.mesh.engine.kube.ClusterClientFactory;
import io.jenkins.plugins.mesh.engine.kube.ClusterConnection;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import io.jenkins.plugins.mesh.engine.validate.Validator;
import io.jenkins.plugins.mesh.simulator.ApiFault;
import io.jenkins.plugins.mesh.simulator.FaultInjectingProxy;
import io.jenkins.plugins.mesh.simulator.MeshResources;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import io.jenkins.plugins.mesh.simulator.SimulationClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

/**
 * R5: mesh apply of a VirtualService and a DestinationRule per run through 30 % injected API faults (409, 500, 503,
 * dropped, slower than the client's timeout), while a {@link GitOpsActor} edits the same VirtualService at random
 * moments. Half the runs' health verdicts fail (scripted: this campaign tests the writes, the simulation tests test
 * the gate), some runs are aborted while watching, and every 10th run loses its VirtualService writes once it
 * reverts, to force a pending revert that {@code mesh rollback --apply} must complete once the faults stop.
 *
 * <p>Every run must end APPLIED (the objects as written, or edited by the actor since), REVERTED (every reverted object
 * exactly its snapshot; one the actor edited keeps the edit), NOT_STARTED (the objects untouched but for the actor's
 * edits) or REVERT_PENDING (the Leases carry the mark, and a rollback through the healed API completes it), and no
 * edit of the actor may be lost. 40 runs here; more with {@code -Dmesh.resilience.applyRuns=N}.
 */
public class ApplyFaultCampaignTest {

    private static final String NAMESPACE = "apply-r5";
    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final int THREADS = 8;
    private static final long SEED = 20261202L;

    private final AtomicInteger applied = new AtomicInteger();
    private final AtomicInteger reverted = new AtomicInteger();
    private final AtomicInteger notStarted = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger completedByRollback = new AtomicInteger();
    private final AtomicInteger kept = new AtomicInteger();
    private final AtomicInteger restoredObjects = new AtomicInteger();
    private final AtomicInteger aborted = new AtomicInteger();
    private final AtomicInteger actorEdits = new AtomicInteger();
    private final AtomicInteger clobbered = new AtomicInteger();
    private final AtomicInteger leasesLeft = new AtomicInteger();
    private final Map<ApiFault, AtomicLong> faults = new EnumMap<>(ApiFault.class);
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> reasons = new ConcurrentSkipListMap<>();
    private final Map<String, Integer> revertReasons = new ConcurrentSkipListMap<>();

    @Test
    public void everyApplyEndsAppliedRevertedExactlyOrDurablyPendingAndNoEditIsLost() throws Exception {
        int runs = Integer.getInteger("mesh.resilience.applyRuns", 40);
        for (ApiFault fault : ApiFault.values()) {
            faults.put(fault, new AtomicLong());
        }
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int first = 0; first < runs; first += 48) {
                int count = Math.min(48, runs - first);
                int firstRun = first;
                try (SimulatedCluster cluster = SimulatedCluster.start()) {
                    List<String> names = cluster.createVirtualServices(NAMESPACE, "app", count);
                    List<Future<?>> workers = new ArrayList<>();
                    for (int w = 0; w < THREADS; w++) {
                        int worker = w;
                        workers.add(pool.submit(() -> {
                            work(cluster, worker, firstRun, names);
                            return null;
                        }));
                    }
                    for (Future<?> worker : workers) {
                        worker.get();
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        String summary = String.format("%d runs in %d s: %d applied, %d reverted (%d objects restored to their "
                + "snapshot, %d kept a third party's edit), %d not started, %d revert pending (%d completed by rollback), %d aborted; %d actor edits, "
                + "%d clobbered; faults %s; Leases left by a failed release %d; not started because %s; reverted because %s; violations %s",
                runs, seconds, applied.get(), reverted.get(), restoredObjects.get(), kept.get(), notStarted.get(), pending.get(),
                completedByRollback.get(), aborted.get(), actorEdits.get(), clobbered.get(), faults, leasesLeft.get(),
                reasons, revertReasons, violations);
        System.out.println("R5 " + summary);
        assertThat(violations).as(summary).isEmpty();
        assertThat(clobbered.get()).isZero();
        assertThat(applied.get() + reverted.get() + notStarted.get() + pending.get()).isEqualTo(runs);
        assertThat(completedByRollback.get()).isEqualTo(pending.get());
        assertThat(pending.get()).as("outage runs end pending").isPositive();
        assertThat(applied.get()).isPositive();
        assertThat(reverted.get()).isPositive();
        assertThat(actorEdits.get()).isPositive();
        assertThat(faults.values().stream().mapToLong(AtomicLong::get).sum()).isPositive();
    }

    private void work(SimulatedCluster cluster, int worker, int firstRun, List<String> names) throws Exception {
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(URI.create(cluster.url()), SEED + firstRun + worker);
                KubernetesClient faulty = new ClusterClientFactory().connect(ClusterConnection
                        .token(proxy.url(), "campaign-token", null, false)
                        .withRequestTimeout(Duration.ofMillis(300)));
                KubernetesClient direct = cluster.newClient()) {
            proxy.slowDelay(Duration.ofMillis(450));
            for (int i = worker; i < names.size(); i += THREADS) {
                proxy.allFaults(0.3, false);
                try {
                    runOne(firstRun + i, names.get(i), proxy, faulty, direct);
                } catch (RuntimeException e) {
                    violations.add("run " + (firstRun + i) + " threw " + e);
                }
            }
            proxy.heal();
            for (ApiFault fault : ApiFault.values()) {
                faults.get(fault).addAndGet(proxy.injected(fault));
            }
        }
    }

    private void runOne(int index, String name, FaultInjectingProxy proxy, KubernetesClient faulty,
            KubernetesClient direct) {
        // Random's first draws from neighbouring seeds are alike: mix the seed first.
        Random random = new Random(new java.util.SplittableRandom(SEED + index).nextLong());
        boolean outage = index % 10 == 9;
        boolean healthy = !outage && random.nextBoolean();
        boolean abort = !outage && !healthy && random.nextInt(4) == 0;
        GitOpsActor actor = new GitOpsActor(direct, NAMESPACE, name, "primary", SEED + index);
        actor.addOwnRoute();
        SimulationClock clock = SimulationClock.at(START);
        ConfigApply config = new ConfigApply(faulty, clock, TrafficSettings.defaults());
        List<MeshResource> files = filesFor(direct, name, index);
        ApplyPlan plan;
        try {
            plan = config.planner(Validator.standard()).planObjects(files, List.of(NAMESPACE), false);
        } catch (RuntimeException e) {
            notStarted.incrementAndGet();
            reasons.merge("the plan could not read the cluster", 1, Integer::sum);
            expectUntouched(index, direct, files, actor, "plan failed");
            return;
        }
        Map<String, String> snapshots = new java.util.HashMap<>();
        plan.writes().forEach(c -> snapshots.put(c.kind(), ObjectContent.hash(c.live())));
        boolean[] editedAfterWrite = new boolean[1];
        boolean[] actorEditedDuringRun = new boolean[1];
        boolean[] outageOn = new boolean[1];
        ApplyDriver driver = config.driver((services, changedAt, at) -> new GateRecord(at,
                healthy ? Verdict.PASS : Verdict.FAIL, healthy ? "healthy" : "error rate up"), state -> {
                    boolean forward = state.phase() != ApplyPhase.REVERTING && state.phase() != ApplyPhase.RELEASING
                            && state.phase() != ApplyPhase.DONE;
                    if (forward && random.nextInt(20) == 0) {
                        actor.editSomething();
                        actorEdits.incrementAndGet();
                        actorEditedDuringRun[0] = true;
                        editedAfterWrite[0] |= state.items().stream().anyMatch(i -> i.kind() == MeshKind.VIRTUAL_SERVICE
                                && i.status().ordinal() >= ItemStatus.WRITING.ordinal());
                    }
                    if (outage && !outageOn[0] && state.phase() == ApplyPhase.REVERTING) {
                        outageOn[0] = true;
                        proxy.faults(Map.of(ApiFault.UNAVAILABLE, 1.0), true).onlyPathsContaining("/virtualservices/");
                    }
                }, null);
        ApplyOptions options = new ApplyOptions(List.of("success-rate>=99"), Duration.ofMinutes(2),
                Duration.ofSeconds(30), Duration.ofMinutes(10));
        ApplyDriver.Progress progress = driver.advance(ApplyState.start(plan, "r5-run-" + index, null, options,
                clock.instant()));
        while (!progress.isDone()) {
            clock.advanceTo(progress.wakeAt());
            progress = abort && progress.state().analyses().isEmpty()
                    ? driver.abort(progress.state(), "r5") : driver.advance(progress.state());
        }
        proxy.heal();
        ApplyState end = progress.state();
        if (end.reason() != null && end.reason().startsWith("aborted")) {
            aborted.incrementAndGet();
        }
        kept.addAndGet((int) end.items().stream().filter(i -> i.status() == ItemStatus.KEPT).count());
        restoredObjects.addAndGet((int) end.items().stream().filter(i -> i.status() == ItemStatus.REVERTED).count());
        String what = "run " + index + " " + end.outcome() + " (" + end.reason() + ")";
        switch (end.outcome()) {
            case APPLIED -> {
                applied.incrementAndGet();
                for (ApplyItem item : end.items()) {
                    boolean mayDiffer = item.kind() == MeshKind.VIRTUAL_SERVICE && editedAfterWrite[0];
                    if (!mayDiffer && !hashOf(direct, item).equals(ObjectContent.hash(item.desired()))) {
                        violations.add(what + ": " + item.displayName() + " is not as applied");
                    }
                }
            }
            case REVERTED -> {
                reverted.incrementAndGet();
                revertReasons.merge(String.valueOf(end.reason()).replaceAll("[0-9]+", "N")
                        .replaceAll("(: [^:]*)$", ""), 1, Integer::sum);
                expectReverted(what, direct, end.items(), actorEditedDuringRun[0]);
            }
            case NOT_STARTED -> {
                notStarted.incrementAndGet();
                reasons.merge(end.reason() == null ? "?" : end.reason().replaceAll("[0-9]+", "N")
                        .replaceAll(" since .*", ""), 1, Integer::sum);
                expectReverted(what, direct, end.items(), actorEditedDuringRun[0]);
            }
            case REVERT_PENDING -> {
                pending.incrementAndGet();
                ApplyRollback rollback = new ConfigApply(direct, clock, TrafficSettings.defaults()).rollback();
                List<ApplyRollback.Result> results = rollback.revertAll(NAMESPACE, "r5-run-" + index);
                if (results.isEmpty() || results.stream().anyMatch(r -> r.result() == ItemStatus.REVERT_PENDING)) {
                    violations.add(what + ": rollback did not complete: " + results);
                } else {
                    completedByRollback.incrementAndGet();
                }
                for (ApplyItem item : end.items()) {
                    ApplyRollback.Result result = results.stream().filter(r -> r.object().equals(item.displayName()))
                            .findFirst().orElse(null);
                    ItemStatus status = result == null ? item.status() : result.result();
                    expectReverted(what, direct, List.of(new ApplyItem(item.action(), item.kind(), item.namespace(),
                            item.name(), item.file(), item.line(), item.desired(), item.snapshot(), item.lease(), status,
                            true, item.message())), actorEditedDuringRun[0]);
                }
            }
            default -> violations.add(what + ": no outcome");
        }
        List<String> lost = actor.clobbered();
        if (!lost.isEmpty()) {
            clobbered.addAndGet(lost.size());
            violations.add(what + ": the actor's edits were lost: " + lost);
        }
        long left = direct.leases().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(l -> l.getMetadata().getName().endsWith("-" + name)).count();
        if (left > 0 && end.outcome() != ApplyOutcome.REVERT_PENDING) {
            leasesLeft.addAndGet((int) left);
            boolean warned = end.timeline().stream().anyMatch(e -> e.message().contains("was not released"));
            if (!warned) {
                violations.add(what + ": " + left + " Lease(s) left without a warning");
            }
            direct.leases().inNamespace(NAMESPACE).list().getItems().stream()
                    .filter(l -> l.getMetadata().getName().endsWith("-" + name))
                    .forEach(l -> direct.leases().inNamespace(NAMESPACE).resource(l).delete());
        }
    }

    private void expectReverted(String what, KubernetesClient direct, List<ApplyItem> items, boolean actorEdited) {
        for (ApplyItem item : items) {
            String live = hashOf(direct, item);
            String snapshot = item.snapshot() == null ? "absent" : ObjectContent.hash(item.snapshot());
            boolean exact = live.equals(snapshot);
            switch (item.status()) {
                case REVERTED, UNTOUCHED -> {
                    if (!exact) {
                        violations.add(what + ": " + item.displayName() + " " + item.status()
                                + " but not its snapshot");
                    }
                }
                case KEPT -> {
                    if (item.kind() != MeshKind.VIRTUAL_SERVICE || !actorEdited) {
                        violations.add(what + ": " + item.displayName() + " kept, but nobody else edited it");
                    }
                }
                case PLANNED, LOCKING, LOCKED -> {
                    if (item.kind() != MeshKind.VIRTUAL_SERVICE && !exact) {
                        violations.add(what + ": " + item.displayName() + " changed though never written");
                    }
                }
                default -> violations.add(what + ": " + item.displayName() + " ended " + item.status());
            }
        }
    }

    private void expectUntouched(int index, KubernetesClient direct, List<MeshResource> files, GitOpsActor actor,
            String what) {
        GenericKubernetesResource dr = direct.genericKubernetesResources(MeshResources.destinationRule("v1"))
                .inNamespace(NAMESPACE).withName(files.get(1).name()).get();
        if (dr.getMetadata().getLabels() != null && dr.getMetadata().getLabels().containsKey(
                ObjectContent.MANAGED_BY_LABEL)) {
            violations.add("run " + index + " " + what + ": the DestinationRule was written");
        }
    }

    private static String hashOf(KubernetesClient direct, ApplyItem item) {
        var context = item.kind() == MeshKind.VIRTUAL_SERVICE ? MeshResources.virtualService("v1")
                : MeshResources.destinationRule("v1");
        GenericKubernetesResource live = direct.genericKubernetesResources(context).inNamespace(item.namespace())
                .withName(item.name()).get();
        return live == null ? "absent" : ObjectContent.hash(body(live));
    }

    /** The run's files: the live objects as they are (the actor's route included), with new timeouts and limits. */
    @SuppressWarnings("unchecked")
    private static List<MeshResource> filesFor(KubernetesClient direct, String name, int index) {
        Map<String, Object> vs = body(direct.genericKubernetesResources(MeshResources.virtualService("v1"))
                .inNamespace(NAMESPACE).withName(name).get());
        Map<String, Object> dr = body(direct.genericKubernetesResources(MeshResources.destinationRule("v1"))
                .inNamespace(NAMESPACE).withName(name).get());
        for (Map<String, Object> body : List.of(vs, dr)) {
            Map<String, Object> metadata = (Map<String, Object>) body.get("metadata");
            metadata.keySet().retainAll(List.of("name", "namespace", "labels", "annotations"));
            body.remove("status");
        }
        Map<String, Object> vsSpec = (Map<String, Object>) vs.get("spec");
        for (Map<String, Object> route : (List<Map<String, Object>>) vsSpec.get("http")) {
            if ("primary".equals(route.get("name"))) {
                route.put("timeout", (index % 9 + 1) + "s");
            }
        }
        ((Map<String, Object>) dr.get("spec")).put("trafficPolicy",
                Map.of("connectionPool", Map.of("tcp", Map.of("maxConnections", 10 + index))));
        return List.of(resource(MeshKind.VIRTUAL_SERVICE, name, vs), resource(MeshKind.DESTINATION_RULE, name, dr));
    }

    private static MeshResource resource(MeshKind kind, String name, Map<String, Object> body) {
        return new MeshResource(kind, MeshResources.ISTIO_GROUP + "/v1", NAMESPACE, name, body,
                new SourceLocation("r5.yaml", 1));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(GenericKubernetesResource object) {
        return Serialization.jsonMapper().convertValue(object, Map.class);
    }
}
