package io.jenkins.plugins.mesh.simulator.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mesh.engine.kube.Backoff;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRollout;
import io.jenkins.plugins.mesh.engine.rollout.Outcome;
import io.jenkins.plugins.mesh.engine.rollout.Phase;
import io.jenkins.plugins.mesh.engine.rollout.RolloutListener;
import io.jenkins.plugins.mesh.engine.rollout.RolloutState;
import io.jenkins.plugins.mesh.engine.rollout.RolloutStateJson;
import io.jenkins.plugins.mesh.engine.traffic.Holder;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import io.jenkins.plugins.mesh.simulator.SimulatedObserver;
import io.jenkins.plugins.mesh.simulator.SimulatedRolloutRunner;
import io.jenkins.plugins.mesh.simulator.SimulationClock;
import io.jenkins.plugins.mesh.simulator.TrafficModel;
import io.jenkins.plugins.mesh.simulator.VersionBehaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * R2 for canaries with phases: a mirror phase, an A/B phase (kept or taken away for the steps, or the whole rollout),
 * sticky sessions, on VirtualServices and (all phases at once) on an HTTPRoute. As in {@link CrashResumeTest}, the
 * driver dies right after persisting any state, before or after its action, and a new driver resumes from the
 * persisted JSON. Whatever the crash point, the run must end as the
 * uninterrupted one did, and the route object's whole spec must be what it was before the rollout (restored), or
 * that with the canary at 100 and no mirror, A/B route or sticky route left (promoted); no Lease may stay behind.
 */
public class PhasedCrashResumeTest {

    private static final String NAMESPACE = "phased-crash";
    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final Holder HOLDER = Holder.localUser("jenkins", "controller-1");

    private final RolloutStateJson json = new RolloutStateJson();
    private SimulatedCluster cluster;
    private int created;

    /** One rollout: its phases, the canary's health, an abort and the expected end. */
    private record Scenario(RouteKind kind, PhasedCanary.Variant variant, String health, VersionBehaviour canary,
            Integer abortAfterSeconds, Outcome expected) {

        Scenario(PhasedCanary.Variant variant, String health, VersionBehaviour canary, Integer abortAfterSeconds,
                Outcome expected) {
            this(RouteKind.VIRTUAL_SERVICE, variant, health, canary, abortAfterSeconds, expected);
        }

        String name() {
            return (kind == RouteKind.HTTP_ROUTE ? "HTTPRoute, " : "") + variant.name() + ", " + health;
        }
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
    public void resumingFromEveryPersistedStateOfAPhasedRolloutEndsAsPlanned() {
        List<Scenario> scenarios = new ArrayList<>();
        for (PhasedCanary.Variant variant : PhasedCanary.VARIANTS) {
            scenarios.add(new Scenario(variant, "healthy", PhasedCanary.HEALTHY, null, Outcome.PROMOTED));
        }
        // Failing in the mirror phase, in an A/B phase followed by steps, and in an A/B phase that is all there is.
        for (PhasedCanary.Variant variant : List.of(PhasedCanary.MIRROR, PhasedCanary.AB_KEEP_STICKY,
                PhasedCanary.AB_ONLY)) {
            scenarios.add(new Scenario(variant, "failing in its first phase", PhasedCanary.FAILING, null,
                    Outcome.ROLLED_BACK));
        }
        // Bad once the weighted steps run, with the A/B route and the sticky routes in place.
        scenarios.add(new Scenario(PhasedCanary.ALL, "turns bad at the first step",
                PhasedCanary.HEALTHY.errorsFrom(Duration.ofSeconds(70), 0.2), null, Outcome.ROLLED_BACK));
        scenarios.add(new Scenario(PhasedCanary.ALL, "aborted in the A/B phase", PhasedCanary.HEALTHY, 45,
                Outcome.ABORTED));
        // The same phases on an HTTPRoute: a RequestMirror filter, a rule of its own for the A/B match, sticky rules.
        scenarios.add(new Scenario(RouteKind.HTTP_ROUTE, PhasedCanary.ALL, "healthy", PhasedCanary.HEALTHY, null,
                Outcome.PROMOTED));
        scenarios.add(new Scenario(RouteKind.HTTP_ROUTE, PhasedCanary.ALL, "turns bad at the first step",
                PhasedCanary.HEALTHY.errorsFrom(Duration.ofSeconds(70), 0.2), null, Outcome.ROLLED_BACK));
        int crashes = 0;
        List<String> failures = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            List<String> states = new ArrayList<>();
            String referenceRoute = newRoute(scenario.kind());
            RolloutState reference = run(scenario, referenceRoute, states);
            PhasedCanary.removeRoute(cluster, scenario.kind(), NAMESPACE, referenceRoute);
            assertThat(reference.outcome()).as(scenario.name() + ": " + reference.reason())
                    .isEqualTo(scenario.expected());
            List<Integer> crashPoints = crashPoints(states);
            System.out.println("R2 phases: " + scenario.name() + ": " + states.size() + " states, "
                    + reference.outcome() + ", crashing at " + crashPoints.size());
            for (int crashAt : crashPoints) {
                for (boolean afterAction : new boolean[] {false, true}) {
                    String name = newRoute(scenario.kind());
                    JsonNode original = PhasedCanary.spec(cluster, scenario.kind(), NAMESPACE, name);
                    RolloutState end = crashAndResume(scenario, name, crashAt, afterAction);
                    crashes++;
                    String where = scenario.name() + ", crash " + (afterAction ? "after" : "before") + " the action "
                            + "of state " + crashAt + " (" + json.read(states.get(crashAt)).phase() + ")";
                    JsonNode expected = end.outcome() == Outcome.PROMOTED
                            ? PhasedCanary.promoted(scenario.kind(), original) : original;
                    JsonNode found = PhasedCanary.spec(cluster, scenario.kind(), NAMESPACE, name);
                    if (end.outcome() != scenario.expected()) {
                        failures.add(where + ": ended " + end.outcome() + " (" + end.reason() + ")");
                    } else if (!found.equals(expected)) {
                        failures.add(where + ": spec " + found + ", expected " + expected);
                    } else if (!leasesOn(name).isEmpty()) {
                        failures.add(where + ": the lease was left behind: " + leasesOn(name));
                    }
                    PhasedCanary.removeRoute(cluster, scenario.kind(), NAMESPACE, name);
                }
            }
        }
        System.out.println("R2 phases: " + scenarios.size() + " rollouts, crash points resumed: " + crashes
                + ", ended as planned: " + (crashes - failures.size()));
        assertThat(failures).isEmpty();
        assertThat(crashes).isGreaterThan(60);
    }

    /**
     * Every persisted state with {@code -Dmesh.resilience.phaseCrashes=all}; else the first state of each phase of
     * each stage but WAITING (STARTING, SHIFTING, ANALYSING, PROMOTING, RESTORING, DONE), which leaves out the
     * repeated looks of the sequential analysis within a stage and the waits between them (a wait writes nothing).
     */
    private List<Integer> crashPoints(List<String> states) {
        boolean all = "all".equals(System.getProperty("mesh.resilience.phaseCrashes"));
        List<Integer> points = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < states.size(); i++) {
            RolloutState state = json.read(states.get(i));
            if (all || state.phase() != Phase.WAITING && seen.add(state.phase() + "@" + state.stepIndex())) {
                points.add(i);
            }
        }
        return points;
    }

    private List<String> leasesOn(String name) {
        return cluster.client().leases().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(lease -> lease.getMetadata().getName().contains("-" + name + "-"))
                .map(lease -> lease.getMetadata().getName()).toList();
    }

    /** Runs until the driver dies at state {@code crashAt}, then resumes a new driver from the JSON persisted last. */
    private RolloutState crashAndResume(Scenario scenario, String name, int crashAt, boolean afterAction) {
        SimulationClock clock = SimulationClock.at(START);
        TrafficModel model = PhasedCanary.model(cluster, scenario.kind(), NAMESPACE, name, scenario.canary(), clock,
                7);
        List<String> persisted = new ArrayList<>();
        int dieAt = afterAction ? crashAt + 1 : crashAt;
        try {
            return play(scenario, name, clock, model, persisted, dieAt, null);
        } catch (CrashingListener.Crash crash) {
            String last = persisted.get(Math.min(crashAt, persisted.size() - 1));
            return play(scenario, name, clock, model, new ArrayList<>(), -1, json.read(last));
        }
    }

    private RolloutState run(Scenario scenario, String name, List<String> persisted) {
        SimulationClock clock = SimulationClock.at(START);
        TrafficModel model = PhasedCanary.model(cluster, scenario.kind(), NAMESPACE, name, scenario.canary(), clock,
                7);
        return play(scenario, name, clock, model, persisted, -1, null);
    }

    /** One driver's life: a new controller, a prepared rollout, and the runner in simulated time. */
    private RolloutState play(Scenario scenario, String name, SimulationClock clock, TrafficModel model,
            List<String> persisted, int dieAt, RolloutState resumeFrom) {
        TrafficController traffic = new TrafficController(cluster.client(), clock, new TrafficSettings(
                Duration.ofMinutes(5), Backoff.DEFAULT, delay -> {
                }, new Random(1), 5));
        CanaryRollout rollout = CanaryRollout.prepare(PhasedCanary.request(scenario.variant(), scenario.kind(),
                NAMESPACE, name), traffic, HOLDER, new SimulatedObserver(model), null);
        RolloutListener listener = new CrashingListener(json, persisted, dieAt);
        SimulatedRolloutRunner runner = new SimulatedRolloutRunner(clock, List.of(model));
        CrashingListener.abortAgain(runner, clock, START, scenario.abortAfterSeconds());
        RolloutState from = resumeFrom != null ? resumeFrom : rollout.start(clock.instant());
        return runner.run(rollout.driver(clock, listener), from);
    }

    private String newRoute(RouteKind kind) {
        return PhasedCanary.createRoute(cluster, kind, NAMESPACE, "route" + created++);
    }
}
