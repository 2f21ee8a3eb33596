package io.jenkins.plugins.mesh.simulator.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.mesh.engine.kube.Backoff;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRequest;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRollout;
import io.jenkins.plugins.mesh.engine.rollout.EndAction;
import io.jenkins.plugins.mesh.engine.rollout.Outcome;
import io.jenkins.plugins.mesh.engine.rollout.RolloutListener;
import io.jenkins.plugins.mesh.engine.rollout.RolloutState;
import io.jenkins.plugins.mesh.engine.rollout.RolloutStateJson;
import io.jenkins.plugins.mesh.engine.traffic.Holder;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * R2 in one JVM: a driver that dies right after persisting any state (before its action, or after its action but
 * before the next state is persisted) is replaced by a new one (new client-side objects, same holder) that resumes
 * from the persisted JSON. Every such run must end as planned: promoted with the canary at 100, or restored with the
 * route equal to its snapshot, and no lease left behind.
 */
public class CrashResumeTest {

    private static final String NAMESPACE = "crash";
    private static final String ROUTE = "primary";
    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final LatencyDistribution LATENCY = LatencyDistribution.of(20, 120);
    private static final Holder HOLDER = Holder.localUser("jenkins", "controller-1");

    private final RolloutStateJson json = new RolloutStateJson();
    private SimulatedCluster cluster;
    private int created;

    /** The scenario of one rollout: the canary's health, an abort and the expected end. */
    private record Scenario(String name, VersionBehaviour canary, Integer abortAfterSeconds, Outcome expected) {
    }

    @Before
    public void start() {
        cluster = SimulatedCluster.start();
    }

    @After
    public void stop() {
        cluster.close();
    }

    @Test
    public void resumingFromEveryPersistedStateEndsAsPlanned() {
        List<Scenario> scenarios = List.of(
                new Scenario("healthy", VersionBehaviour.of(0.001, LATENCY), null, Outcome.PROMOTED),
                new Scenario("failing", VersionBehaviour.of(0.2, LATENCY), null, Outcome.ROLLED_BACK),
                new Scenario("turns bad", VersionBehaviour.of(0.001, LATENCY).errorsFrom(Duration.ofSeconds(70), 0.05),
                        null, Outcome.ROLLED_BACK),
                new Scenario("aborted", VersionBehaviour.of(0.001, LATENCY), 45, Outcome.ABORTED));
        int crashes = 0;
        List<String> failures = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            List<String> states = new ArrayList<>();
            RolloutState reference = run(scenario, newRoute(), states);
            assertThat(reference.outcome()).as(scenario.name()).isEqualTo(scenario.expected());
            for (int crashAt = 0; crashAt < states.size(); crashAt++) {
                for (boolean afterAction : new boolean[] {false, true}) {
                    String name = newRoute();
                    List<Object> original = destinations(name);
                    List<String> persisted = new ArrayList<>();
                    RolloutState end = crashAndResume(scenario, name, persisted, crashAt, afterAction);
                    crashes++;
                    String where = scenario.name() + ", crash " + (afterAction ? "after" : "before") + " the action of "
                            + "state " + crashAt + " (" + json.read(states.get(crashAt)).phase() + ")";
                    List<Object> expectedRoute = end.outcome() == Outcome.PROMOTED ? promoted(original) : original;
                    if (end.outcome() != scenario.expected()) {
                        failures.add(where + ": ended " + end.outcome() + " (" + end.reason() + ")");
                    } else if (!destinations(name).equals(expectedRoute)) {
                        failures.add(where + ": route " + destinations(name) + ", expected " + expectedRoute);
                    } else if (!cluster.client().leases().inNamespace(NAMESPACE).list().getItems().stream()
                            .filter(lease -> lease.getMetadata().getName().contains("-" + name + "-")).toList()
                            .isEmpty()) {
                        failures.add(where + ": the lease was left behind");
                    }
                }
            }
        }
        System.out.println("R2 crash points resumed: " + crashes + ", ended as planned: " + (crashes - failures.size()));
        assertThat(failures).isEmpty();
        assertThat(crashes).isGreaterThan(50);
    }

    /** Runs until the driver dies at state {@code crashAt}, then resumes a new driver from the JSON persisted last. */
    private RolloutState crashAndResume(Scenario scenario, String name, List<String> persisted, int crashAt,
            boolean afterAction) {
        SimulationClock clock = SimulationClock.at(START);
        TrafficModel model = model(scenario, name, clock);
        int dieAt = afterAction ? crashAt + 1 : crashAt;
        try {
            RolloutState end = play(scenario, name, clock, model, persisted, dieAt, null);
            return end; // the rollout finished before reaching the crash point
        } catch (CrashingListener.Crash crash) {
            String last = persisted.get(Math.min(crashAt, persisted.size() - 1));
            RolloutState resumed = json.read(last);
            return play(scenario, name, clock, model, new ArrayList<>(), -1, resumed);
        }
    }

    private RolloutState run(Scenario scenario, String name, List<String> persisted) {
        SimulationClock clock = SimulationClock.at(START);
        return play(scenario, name, clock, model(scenario, name, clock), persisted, -1, null);
    }

    /** One driver's life: a new controller, a prepared rollout, and the runner in simulated time. */
    private RolloutState play(Scenario scenario, String name, SimulationClock clock, TrafficModel model,
            List<String> persisted, int dieAt, RolloutState resumeFrom) {
        TrafficController traffic = new TrafficController(cluster.client(), clock, new TrafficSettings(
                Duration.ofMinutes(5), Backoff.DEFAULT, delay -> {
                }, new Random(1), 5));
        CanaryRequest request = CanaryRequest.of(RouteKind.VIRTUAL_SERVICE, NAMESPACE, name, "v1", "v2",
                List.of(10, 25, 50)).withRoute(ROUTE).withInterval(Duration.ofSeconds(30))
                .withEndAction(EndAction.PROMOTE);
        CanaryRollout rollout = CanaryRollout.prepare(request, traffic, HOLDER, new SimulatedObserver(model), null);
        RolloutListener listener = new CrashingListener(json, persisted, dieAt);
        SimulatedRolloutRunner runner = new SimulatedRolloutRunner(clock, List.of(model));
        CrashingListener.abortAgain(runner, clock, START, scenario.abortAfterSeconds());
        RolloutState from = resumeFrom != null ? resumeFrom : rollout.start(clock.instant());
        return runner.run(rollout.driver(clock, listener), from);
    }

    private TrafficModel model(Scenario scenario, String name, SimulationClock clock) {
        return TrafficModel.builder(NAMESPACE, name)
                .version(MeshVersion.subset(name, "v1"), VersionBehaviour.of(0.001, LATENCY))
                .version(MeshVersion.subset(name, "v2"), scenario.canary())
                .weights(new VirtualServiceWeights(cluster.client(), NAMESPACE, name, ROUTE))
                .requestRate(50).clock(clock).seed(7).build();
    }

    private String newRoute() {
        return cluster.createVirtualServices(NAMESPACE, "route" + created++, 1).get(0);
    }

    @SuppressWarnings("unchecked")
    private List<Object> destinations(String name) {
        GenericKubernetesResource vs = cluster.get(MeshResources.virtualService("v1"), NAMESPACE, name);
        Map<String, Object> spec = (Map<String, Object>) vs.getAdditionalProperties().get("spec");
        for (Object route : (List<Object>) spec.get("http")) {
            if (ROUTE.equals(((Map<String, Object>) route).get("name"))) {
                return (List<Object>) ((Map<String, Object>) route).get("route");
            }
        }
        throw new IllegalStateException(name + " has no route " + ROUTE);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> promoted(List<Object> original) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < original.size(); i++) {
            Map<String, Object> copy = new java.util.LinkedHashMap<>((Map<String, Object>) original.get(i));
            copy.put("weight", i == 0 ? 0 : 100);
            out.add(copy);
        }
        return out;
    }
}
