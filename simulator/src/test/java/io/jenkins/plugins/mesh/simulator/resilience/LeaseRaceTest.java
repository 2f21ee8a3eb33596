package io.jenkins.plugins.mesh.simulator.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.engine.kube.Backoff;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRequest;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRollout;
import io.jenkins.plugins.mesh.engine.rollout.Outcome;
import io.jenkins.plugins.mesh.engine.rollout.RolloutDriver;
import io.jenkins.plugins.mesh.engine.rollout.RolloutListener;
import io.jenkins.plugins.mesh.engine.traffic.Holder;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import io.jenkins.plugins.mesh.engine.traffic.RouteLease;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import io.jenkins.plugins.mesh.simulator.LatencyDistribution;
import io.jenkins.plugins.mesh.simulator.MeshVersion;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import io.jenkins.plugins.mesh.simulator.SimulatedObserver;
import io.jenkins.plugins.mesh.simulator.SimulationClock;
import io.jenkins.plugins.mesh.simulator.TrafficModel;
import io.jenkins.plugins.mesh.simulator.VersionBehaviour;
import io.jenkins.plugins.mesh.simulator.VirtualServiceWeights;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.Test;

/**
 * R4: 20 rollouts, each with its own client and holder, start at the same moment on one route over real HTTP.
 * Exactly one takes the lease and starts shifting; the 19 others end NOT_STARTED at once (no waiting, nothing
 * written), each naming the holder that won. Repeated on fresh routes.
 */
public class LeaseRaceTest {

    private static final int RACERS = 20;
    private static final int ROUNDS = 5;
    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

    @Test
    public void exactlyOneOfTwentyRacersHoldsTheRouteAndTheOthersNameIt() throws Exception {
        try (SimulatedCluster cluster = SimulatedCluster.start()) {
            List<String> routes = cluster.createVirtualServices("race", "route", ROUNDS);
            ExecutorService pool = Executors.newFixedThreadPool(RACERS);
            List<KubernetesClient> clients = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                clients.add(cluster.newClient());
            }
            try {
                for (String route : routes) {
                    race(cluster, route, pool, clients);
                }
            } finally {
                pool.shutdownNow();
                clients.forEach(KubernetesClient::close);
            }
        }
    }

    private void race(SimulatedCluster cluster, String route, ExecutorService pool, List<KubernetesClient> clients)
            throws Exception {
        SimulationClock clock = SimulationClock.at(START);
        TrafficModel model = TrafficModel.builder("race", route)
                .version(MeshVersion.subset(route, "v1"), VersionBehaviour.of(0.001, LatencyDistribution.of(20, 120)))
                .version(MeshVersion.subset(route, "v2"), VersionBehaviour.of(0.001, LatencyDistribution.of(20, 120)))
                .weights(new VirtualServiceWeights(cluster.client(), "race", route, "primary"))
                .clock(clock).seed(1).build();
        model.tick(); // the service's traffic so far, which each racer's pre-flight reads
        CountDownLatch ready = new CountDownLatch(RACERS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<RolloutDriver.Progress>> racers = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            KubernetesClient client = clients.get(i);
            Holder holder = new Holder("build-" + i, "https://ci.example/job/shop/" + i + "/");
            racers.add(pool.submit(() -> {
                TrafficController traffic = new TrafficController(client, clock, new TrafficSettings(
                        Duration.ofMinutes(5), Backoff.DEFAULT, delay -> {
                        }, new Random(), 5));
                CanaryRequest request = CanaryRequest.of(RouteKind.VIRTUAL_SERVICE, "race", route, "v1", "v2",
                        List.of(10, 50)).withRoute("primary").withInterval(Duration.ofSeconds(30));
                CanaryRollout rollout = CanaryRollout.prepare(request, traffic, holder, new SimulatedObserver(model),
                        null);
                RolloutDriver driver = rollout.driver(clock, RolloutListener.NONE);
                ready.countDown();
                go.await();
                return driver.advance(rollout.start(clock.instant()));
            }));
        }
        ready.await();
        go.countDown();
        List<RolloutDriver.Progress> results = new ArrayList<>();
        for (Future<RolloutDriver.Progress> racer : racers) {
            results.add(racer.get());
        }
        List<RolloutDriver.Progress> running = results.stream().filter(p -> !p.isDone()).toList();
        assertThat(running).as("rollouts that took the route").hasSize(1);
        TrafficController reader = new TrafficController(cluster.client(), clock, TrafficSettings.defaults());
        var target = reader.resolve(RouteKind.VIRTUAL_SERVICE, "race", route, "primary", "v1", "v2");
        RouteLease lease = reader.lease(reader.leaseOf(target)).orElseThrow();
        int winner = results.indexOf(running.get(0));
        assertThat(lease.holder()).isEqualTo("build-" + winner);
        assertThat(running.get(0).state().weight()).isEqualTo(10);
        System.out.println("R4 " + route + ": winner build-" + winner + "; a loser says: "
                + results.get(winner == 0 ? 1 : 0).state().reason());
        for (RolloutDriver.Progress loser : results) {
            if (loser != running.get(0)) {
                assertThat(loser.state().outcome()).isEqualTo(Outcome.NOT_STARTED);
                assertThat(loser.state().reason()).contains("build-" + winner);
            }
        }
    }
}
