package io.jenkins.plugins.mesh.simulator.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.jenkins.plugins.mesh.engine.kube.Backoff;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRollout;
import io.jenkins.plugins.mesh.engine.rollout.Outcome;
import io.jenkins.plugins.mesh.engine.rollout.Phase;
import io.jenkins.plugins.mesh.engine.rollout.RolloutState;
import io.jenkins.plugins.mesh.engine.rollout.RolloutStateJson;
import io.jenkins.plugins.mesh.engine.rollout.Stage;
import io.jenkins.plugins.mesh.engine.traffic.Holder;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
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
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * R2 between the writes of one action: entering a stage of a phased rollout writes several times (take away the
 * mirror, add the A/B route, add the sticky routes, set the weight, record each in the Lease), and a process can die
 * between any two of them, which {@link PhasedCrashResumeTest} (crashes at persisted states) does not reach. Here the
 * driver's API server goes away after its n-th write, for every n: every later request of that driver fails (the
 * connection is refused), and it is stopped at the next state it persists. A new driver, with a client that reaches
 * the API server, resumes from the last state persisted before the cut. It must end as the uninterrupted rollout
 * did, with the VirtualService's whole spec as planned and no Lease left. Here the rollout through every phase, cut at
 * each write of the two actions that change most at once (entering the first weighted step, promoting); with
 * {@code -Dmesh.resilience.phaseCrashes=all} at every write, and also a rollout taking the A/B route away for the
 * steps and one that turns bad at its first step.
 */
public class PhasedMidWriteCrashTest {

    private static final String NAMESPACE = "phased-cut";
    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final Holder HOLDER = Holder.localUser("jenkins", "controller-1");

    private final RolloutStateJson json = new RolloutStateJson();
    private SimulatedCluster cluster;
    /** Gets each request's method; answers whether the API server is gone for it. */
    private volatile java.util.function.Predicate<String> gone = method -> false;
    private KubernetesClient cuttable;
    private int created;
    private int died;

    private record Scenario(String name, PhasedCanary.Variant variant, VersionBehaviour canary, Outcome expected) {
    }

    @Before
    public void start() {
        cluster = SimulatedCluster.start();
        // A request to a gone server goes to a port nobody listens on: refused at once, not retried by the client.
        Interceptor cut = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                if (gone.test(request.method().toUpperCase(java.util.Locale.ROOT))) {
                    builder.uri(URI.create("http://127.0.0.1:1" + request.uri().getRawPath()));
                }
            }
        };
        cuttable = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(cluster.client().getConfiguration()).withRequestRetryBackoffLimit(0)
                        .build())
                .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("cut", cut)).build();
    }

    @After
    public void stop() {
        cuttable.close();
        cluster.close();
    }

    @Test
    public void aDriverThatDiesBetweenTheWritesOfAStageIsResumedAsPlanned() {
        List<Scenario> scenarios = new ArrayList<>();
        scenarios.add(new Scenario("healthy", PhasedCanary.ALL, PhasedCanary.HEALTHY, Outcome.PROMOTED));
        boolean all = "all".equals(System.getProperty("mesh.resilience.phaseCrashes"));
        if (all) {
            scenarios.add(new Scenario("healthy", PhasedCanary.AB_REMOVE, PhasedCanary.HEALTHY, Outcome.PROMOTED));
            scenarios.add(new Scenario("turns bad at the first step", PhasedCanary.ALL,
                    PhasedCanary.HEALTHY.errorsFrom(Duration.ofSeconds(70), 0.2), Outcome.ROLLED_BACK));
        }
        int cuts = 0;
        List<String> failures = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            // The reference run: which state had been persisted last when each write was sent.
            List<String> states = new ArrayList<>();
            List<Integer> statesAtWrite = new ArrayList<>();
            gone = method -> {
                if (!"GET".equals(method)) {
                    statesAtWrite.add(states.size());
                }
                return false;
            };
            String referenceRoute = newRoute();
            RolloutState reference = play(scenario, referenceRoute, SimulationClock.at(START), cuttable, states, null);
            assertThat(reference.outcome()).as(scenario.variant().name() + ", " + scenario.name())
                    .isEqualTo(scenario.expected());
            PhasedCanary.removeRoute(cluster, NAMESPACE, referenceRoute);
            int total = statesAtWrite.size();
            for (int cut = 0; cut < total; cut++) {
                if (!all && !inStageChange(states, statesAtWrite.get(cut))) {
                    continue;
                }
                String name = newRoute();
                JsonNode original = PhasedCanary.spec(cluster, NAMESPACE, name);
                RolloutState end = cutAndResume(scenario, name, cut);
                cuts++;
                String where = scenario.variant().name() + ", " + scenario.name() + ", cut after write " + cut
                        + " of " + total;
                JsonNode expected = end.outcome() == Outcome.PROMOTED ? PhasedCanary.promoted(original) : original;
                JsonNode found = PhasedCanary.spec(cluster, NAMESPACE, name);
                if (end.outcome() != scenario.expected()) {
                    failures.add(where + ": ended " + end.outcome() + " (" + end.reason() + ")");
                } else if (!found.equals(expected)) {
                    failures.add(where + ": spec " + found + ", expected " + expected);
                } else if (cluster.client().leases().inNamespace(NAMESPACE).list().getItems().stream()
                        .anyMatch(lease -> lease.getMetadata().getName().contains("-" + name + "-"))) {
                    failures.add(where + ": the lease was left behind");
                }
                PhasedCanary.removeRoute(cluster, NAMESPACE, name);
            }
        }
        System.out.println("R2 phases, between writes: " + cuts + " cuts, the driver died at " + died
                + ", ended as planned: " + (cuts - failures.size()));
        assertThat(failures).isEmpty();
        assertThat(died).as("every cut stopped its driver").isEqualTo(cuts);
        assertThat(cuts).isGreaterThan(4);
    }

    /**
     * Whether a write sent after {@code persisted} states is part of the action that enters the first weighted step
     * (the A/B route kept, the sticky routes added, the weight set) or promotes (every phase's change taken away).
     */
    private boolean inStageChange(List<String> states, int persisted) {
        if (persisted == 0) {
            return false;
        }
        RolloutState state = json.read(states.get(persisted - 1));
        return state.phase() == Phase.PROMOTING || state.phase() == Phase.SHIFTING
                && state.stage().kind() == Stage.Kind.WEIGHT && state.stepIndex() > 0
                && state.plan().stages().get(state.stepIndex() - 1).kind() != Stage.Kind.WEIGHT;
    }

    /** Lets {@code cut} writes through, then refuses everything; resumes from the last state persisted before. */
    private RolloutState cutAndResume(Scenario scenario, String name, int cut) {
        SimulationClock clock = SimulationClock.at(START);
        List<String> persisted = new ArrayList<>();
        AtomicInteger writes = new AtomicInteger();
        AtomicInteger persistedAtCut = new AtomicInteger(-1);
        gone = method -> {
            if (persistedAtCut.get() < 0 && !"GET".equals(method) && writes.incrementAndGet() > cut) {
                persistedAtCut.set(persisted.size());
            }
            return persistedAtCut.get() >= 0;
        };
        TrafficModel model = PhasedCanary.model(cluster, NAMESPACE, name, scenario.canary(), clock, 7);
        try {
            RolloutState end = play(scenario, name, clock, cuttable, persisted, persistedAtCut, null, model);
            if (persistedAtCut.get() < 0) {
                return end;
            }
        } catch (CrashingListener.Crash crash) {
            // the driver is dead; what it persisted after the cut never made it to disk
            died++;
        } finally {
            gone = method -> false;
        }
        // Cut before the first state was persisted: the new driver starts the rollout afresh.
        RolloutState last = persistedAtCut.get() == 0 ? null : json.read(persisted.get(persistedAtCut.get() - 1));
        return play(scenario, name, clock, cluster.client(), new ArrayList<>(), null, last, model);
    }

    private RolloutState play(Scenario scenario, String name, SimulationClock clock, KubernetesClient client,
            List<String> persisted, AtomicInteger persistedAtCut) {
        TrafficModel model = PhasedCanary.model(cluster, NAMESPACE, name, scenario.canary(), clock, 7);
        return play(scenario, name, clock, client, persisted, persistedAtCut, null, model);
    }

    /** One driver's life; it dies at the first state it persists once {@code persistedAtCut} is set. */
    private RolloutState play(Scenario scenario, String name, SimulationClock clock, KubernetesClient client,
            List<String> persisted, AtomicInteger persistedAtCut, RolloutState resumeFrom, TrafficModel model) {
        TrafficController traffic = new TrafficController(client, clock, new TrafficSettings(Duration.ofMinutes(5),
                Backoff.DEFAULT, delay -> {
                }, new Random(1), 5));
        CanaryRollout rollout = CanaryRollout.prepare(PhasedCanary.request(scenario.variant(), NAMESPACE, name),
                traffic, HOLDER, new SimulatedObserver(model), null);
        CrashingListener listener = new CrashingListener(json, persisted, -1) {
            @Override
            public void onState(RolloutState state) {
                if (persistedAtCut != null && persistedAtCut.get() >= 0) {
                    throw new Crash();
                }
                super.onState(state);
            }
        };
        SimulatedRolloutRunner runner = new SimulatedRolloutRunner(clock, List.of(model));
        RolloutState from = resumeFrom != null ? resumeFrom : rollout.start(clock.instant());
        return runner.run(rollout.driver(clock, listener), from);
    }

    private String newRoute() {
        return cluster.createVirtualServices(NAMESPACE, "route" + created++, 1).get(0);
    }
}
