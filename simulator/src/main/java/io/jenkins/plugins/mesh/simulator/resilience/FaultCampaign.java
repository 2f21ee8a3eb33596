package io.jenkins.plugins.mesh.simulator.resilience;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.mesh.engine.kube.Backoff;
import io.jenkins.plugins.mesh.engine.kube.ClusterClientFactory;
import io.jenkins.plugins.mesh.engine.kube.ClusterConnection;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRequest;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRollout;
import io.jenkins.plugins.mesh.engine.rollout.EndAction;
import io.jenkins.plugins.mesh.engine.rollout.Outcome;
import io.jenkins.plugins.mesh.engine.rollout.Phase;
import io.jenkins.plugins.mesh.engine.rollout.RolloutListener;
import io.jenkins.plugins.mesh.engine.rollout.RolloutState;
import io.jenkins.plugins.mesh.engine.traffic.Holder;
import io.jenkins.plugins.mesh.engine.traffic.LeaseRef;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import io.jenkins.plugins.mesh.engine.traffic.RouteLease;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficException;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import io.jenkins.plugins.mesh.simulator.ApiFault;
import io.jenkins.plugins.mesh.simulator.FaultInjectingProxy;
import io.jenkins.plugins.mesh.simulator.LatencyDistribution;
import io.jenkins.plugins.mesh.simulator.MeshResources;
import io.jenkins.plugins.mesh.simulator.MeshVersion;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import io.jenkins.plugins.mesh.simulator.SimulatedObserver;
import io.jenkins.plugins.mesh.simulator.SimulatedRolloutRunner;
import io.jenkins.plugins.mesh.simulator.SimulationClock;
import io.jenkins.plugins.mesh.simulator.TrafficModel;
import io.jenkins.plugins.mesh.simulator.VersionBehaviour;
import io.jenkins.plugins.mesh.simulator.VirtualServiceWeights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * R1 of the resilience suite: many canaries, healthy and faulty, each on its own VirtualService, through a
 * {@link FaultInjectingProxy} that fails a share of all API requests (409, 500, 503, dropped, slower than the client's
 * timeout), while a {@link GitOpsActor} edits other routes and fields of the same object. Each run is played in
 * simulated time; a share of them are aborted, and a share lose every VirtualService write from their first restore
 * on, to force a pending restore that a later rollback must complete once the faults stop.
 *
 * <p>Every run is checked: promoted (canary 100, lease released), restored (route equal to its snapshot, lease
 * released), not started (route untouched) or restore pending (the Lease carries the mark, and a rollback through the
 * healed proxy restores the snapshot). Nobody else's edit may be lost.
 */
public final class FaultCampaign {

    /**
     * How to run the campaign.
     *
     * @param runs how many canaries
     * @param threads how many run at once (each with its own proxy and client)
     * @param faultRate share of API requests that fail, spread evenly over the fault types
     * @param clientTimeout the engine client's request timeout
     * @param slowDelay how long a slow request is held (longer than the timeout)
     * @param outageEvery every n-th run loses its VirtualService writes from the first restore on; 0 = never
     * @param seed seeds the proxies, the traffic and the choices
     */
    public record Settings(int runs, int threads, double faultRate, Duration clientTimeout, Duration slowDelay,
            int outageEvery, long seed) {

        /** The suite's settings: 30% faults, a 300 ms client timeout, slow answers after 450 ms, every 10th run an outage. */
        public static Settings of(int runs) {
            return new Settings(runs, 8, 0.3, Duration.ofMillis(300), Duration.ofMillis(450), 10, 20261126L);
        }
    }

    private static final String NAMESPACE = "resilience";
    private static final String ROUTE = "primary";
    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final LatencyDistribution LATENCY = LatencyDistribution.of(20, 120);

    /** Runs per simulated cluster: the mock API server scans all its objects per request, so keep it small. */
    private static final int BATCH = 50;

    private final Settings settings;
    private SimulatedCluster cluster;
    private final AtomicInteger promoted = new AtomicInteger();
    private final AtomicInteger restored = new AtomicInteger();
    private final AtomicInteger notStarted = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger completedByRollback = new AtomicInteger();
    private final AtomicInteger outageRuns = new AtomicInteger();
    private final AtomicInteger actorEdits = new AtomicInteger();
    private final AtomicInteger clobbered = new AtomicInteger();
    private final AtomicLong forwarded = new AtomicLong();
    private final Map<ApiFault, AtomicLong> faults = new EnumMap<>(ApiFault.class);
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> notStartedReasons = new java.util.concurrent.ConcurrentSkipListMap<>();

    public FaultCampaign(Settings settings) {
        this.settings = settings;
        for (ApiFault fault : ApiFault.values()) {
            faults.put(fault, new AtomicLong());
        }
    }

    /** Runs every canary and returns what happened. */
    public FaultCampaignFigures run() throws Exception {
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
        try {
            for (int first = 0; first < settings.runs(); first += BATCH) {
                int firstRun = first;
                int count = Math.min(BATCH, settings.runs() - first);
                try (SimulatedCluster batchCluster = SimulatedCluster.start()) {
                    cluster = batchCluster;
                    List<String> names = cluster.createVirtualServices(NAMESPACE, "route", count);
                    List<Future<?>> workers = new ArrayList<>();
                    for (int w = 0; w < settings.threads(); w++) {
                        int worker = w;
                        workers.add(pool.submit(() -> {
                            work(worker, firstRun, names);
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
        Map<ApiFault, Long> injected = new EnumMap<>(ApiFault.class);
        faults.forEach((fault, count) -> injected.put(fault, count.get()));
        return new FaultCampaignFigures(settings.runs(), promoted.get(), restored.get(), notStarted.get(),
                pending.get(), completedByRollback.get(), outageRuns.get(), injected, forwarded.get(), actorEdits.get(),
                clobbered.get(), Map.copyOf(notStartedReasons), List.copyOf(violations),
                (System.nanoTime() - started) / 1_000_000);
    }

    private void work(int worker, int firstRun, List<String> names) throws IOException {
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(URI.create(cluster.url()),
                settings.seed() + firstRun + worker);
                KubernetesClient client = new ClusterClientFactory().connect(ClusterConnection
                        .token(proxy.url(), "campaign-token", null, false)
                        .withRequestTimeout(settings.clientTimeout()))) {
            proxy.slowDelay(settings.slowDelay());
            for (int i = worker; i < names.size(); i += settings.threads()) {
                proxy.allFaults(settings.faultRate(), false);
                try {
                    runOne(firstRun + i, names.get(i), proxy, client);
                } catch (RuntimeException e) {
                    violations.add("run " + (firstRun + i) + " threw " + e);
                }
            }
            proxy.heal();
            for (ApiFault fault : ApiFault.values()) {
                faults.get(fault).addAndGet(proxy.injected(fault));
            }
            forwarded.addAndGet(proxy.forwarded());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void runOne(int index, String name, FaultInjectingProxy proxy, KubernetesClient client) {
        Random random = new Random(settings.seed() * 31 + index);
        SimulationClock clock = SimulationClock.at(START);
        GitOpsActor actor = new GitOpsActor(cluster.client(), NAMESPACE, name, ROUTE, random.nextLong());
        actor.addOwnRoute();
        List<Object> original = destinations(name);
        boolean outage = settings.outageEvery() > 0 && index % settings.outageEvery() == settings.outageEvery() - 1;
        boolean healthy = !outage && random.nextBoolean();
        VersionBehaviour canary = healthy ? VersionBehaviour.of(0.001, LATENCY)
                : random.nextBoolean() ? VersionBehaviour.of(0.2, LATENCY)
                : VersionBehaviour.of(0.001, LATENCY).errorsFrom(Duration.ofSeconds(70), 0.05);
        TrafficModel model = TrafficModel.builder(NAMESPACE, name)
                .version(MeshVersion.subset(name, "v1"), VersionBehaviour.of(0.001, LATENCY))
                .version(MeshVersion.subset(name, "v2"), canary)
                .weights(new VirtualServiceWeights(cluster.client(), NAMESPACE, name, ROUTE))
                .requestRate(50).clock(clock).seed(index).build();
        TrafficSettings trafficSettings = new TrafficSettings(Duration.ofMinutes(5), Backoff.DEFAULT, delay -> {
        }, new Random(index), 5);
        TrafficController traffic = new TrafficController(client, clock, trafficSettings);
        CanaryRequest request = CanaryRequest.of(RouteKind.VIRTUAL_SERVICE, NAMESPACE, name, "v1", "v2",
                List.of(10, 25, 50)).withRoute(ROUTE).withInterval(Duration.ofSeconds(30))
                .withEndAction(EndAction.PROMOTE);
        CanaryRollout rollout;
        try {
            rollout = CanaryRollout.prepare(request, traffic, Holder.localUser("campaign", "run-" + index),
                    new SimulatedObserver(model), null);
        } catch (TrafficException e) {
            notStarted.incrementAndGet();
            notStartedReasons.merge("not prepared: " + e.reason(), 1, Integer::sum);
            expectRoute(index, name, original, "not prepared (" + e.getMessage() + ")");
            finishActor(index, actor);
            return;
        }
        if (outage) {
            outageRuns.incrementAndGet();
        }
        RolloutListener listener = new RolloutListener() {
            private boolean outageStarted;

            @Override
            public void onState(RolloutState state) {
                if (random.nextInt(4) == 0) {
                    actor.editSomething();
                }
                if (outage && !outageStarted && state.phase() == Phase.RESTORING) {
                    outageStarted = true;
                    proxy.faults(Map.of(ApiFault.UNAVAILABLE, 1.0), true).onlyPathsContaining("/virtualservices/");
                }
            }
        };
        SimulatedRolloutRunner runner = new SimulatedRolloutRunner(clock, List.of(model));
        if (random.nextInt(7) == 0) {
            runner.abortAt(START.plusSeconds(random.nextInt(150)), "an operator");
        }
        RolloutState end = runner.run(rollout.driver(clock, listener), rollout.start(clock.instant()));
        proxy.heal();
        judge(index, name, end, original, rollout, new TrafficController(client, clock, trafficSettings));
        finishActor(index, actor);
    }

    private void judge(int index, String name, RolloutState end, List<Object> original, CanaryRollout rollout,
            TrafficController healed) {
        LeaseRef ref = healed.leaseOf(rollout.target());
        Outcome outcome = end.outcome();
        String what = outcome + " (" + end.reason() + ")";
        if (outcome == Outcome.PROMOTED) {
            promoted.incrementAndGet();
            expectRoute(index, name, promotedFrom(original), what);
            expectNoLease(index, healed, ref, what);
        } else if (outcome == Outcome.ROLLED_BACK || outcome == Outcome.ABORTED || outcome == Outcome.INCONCLUSIVE) {
            restored.incrementAndGet();
            expectRoute(index, name, original, what);
            expectNoLease(index, healed, ref, what);
        } else if (outcome == Outcome.NOT_STARTED) {
            notStarted.incrementAndGet();
            notStartedReasons.merge(shortReason(end.reason()), 1, Integer::sum);
            expectRoute(index, name, original, what);
            if (healed.lease(ref).isPresent()) {
                // begin may have created the Lease before failing: nothing was written, a rollback releases it.
                healed.restore(ref, new Holder("rollback", null));
            }
        } else if (outcome == Outcome.RESTORE_PENDING) {
            pending.incrementAndGet();
            RouteLease lease = healed.lease(ref).orElse(null);
            if (lease == null || lease.restorePending() == null) {
                violations.add("run " + index + " ended " + what + " but " + ref + " has no pending mark");
            }
            try {
                healed.restore(ref, new Holder("rollback", null));
                completedByRollback.incrementAndGet();
            } catch (TrafficException e) {
                violations.add("run " + index + ": the rollback after " + what + " failed: " + e.getMessage());
            }
            expectRoute(index, name, original, what + ", then rolled back");
            expectNoLease(index, healed, ref, what + ", then rolled back");
        } else {
            violations.add("run " + index + " ended " + what + ", which this campaign does not plan for");
        }
    }

    private void finishActor(int index, GitOpsActor actor) {
        actorEdits.addAndGet(actor.edits());
        List<String> lost = actor.clobbered();
        clobbered.addAndGet(lost.size());
        if (!lost.isEmpty()) {
            violations.add("run " + index + " overwrote edits of someone else: " + lost);
        }
    }

    private void expectRoute(int index, String name, List<Object> expected, String what) {
        List<Object> found = destinations(name);
        if (!found.equals(expected)) {
            violations.add("run " + index + " ended " + what + " with " + found + " instead of " + expected);
        }
    }

    private void expectNoLease(int index, TrafficController traffic, LeaseRef ref, String what) {
        traffic.lease(ref).ifPresent(lease -> violations.add("run " + index + " ended " + what + " but " + ref
                + " is still held by " + lease.holder()));
    }

    @SuppressWarnings("unchecked")
    private List<Object> destinations(String name) {
        GenericKubernetesResource vs = cluster.get(MeshResources.virtualService("v1"), NAMESPACE, name);
        Map<String, Object> spec = (Map<String, Object>) vs.getAdditionalProperties().get("spec");
        for (Object route : (List<Object>) spec.get("http")) {
            Map<String, Object> r = (Map<String, Object>) route;
            if (ROUTE.equals(r.get("name"))) {
                return (List<Object>) r.get("route");
            }
        }
        throw new IllegalStateException("VirtualService " + name + " lost its route " + ROUTE);
    }

    /** The start of a reason without the object's name: what kind of failure stopped the start. */
    private static String shortReason(String reason) {
        String text = reason == null ? "" : reason.replaceAll("route-\\d+", "*").replaceAll("\\(.*", "");
        return text.length() > 90 ? text.substring(0, 90) : text;
    }

    /** The original destinations with the stable (first) at 0 and the canary (second) at 100. */
    @SuppressWarnings("unchecked")
    private static List<Object> promotedFrom(List<Object> original) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < original.size(); i++) {
            Map<String, Object> copy = new java.util.LinkedHashMap<>((Map<String, Object>) original.get(i));
            copy.put("weight", i == 0 ? 0 : 100);
            out.add(copy);
        }
        return out;
    }
}
