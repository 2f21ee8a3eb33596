package io.jenkins.plugins.mesh.simulator;

import static io.jenkins.plugins.mesh.simulator.TrafficModelTest.FAST;
import static io.jenkins.plugins.mesh.simulator.TrafficModelTest.T0;
import static io.jenkins.plugins.mesh.simulator.TrafficModelTest.V1;
import static io.jenkins.plugins.mesh.simulator.TrafficModelTest.V2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.ClassRule;
import org.junit.Test;

public class LiveWeightsTest {

    @ClassRule
    public static final ClusterResource CLUSTER = new ClusterResource();

    @Test
    public void theSeededRoutesSendEverythingToTheStableVersion() {
        assertThat(new VirtualServiceWeights(CLUSTER.get().client(), "bookinfo", "reviews", "primary").weights())
                .isEqualTo(Map.of("v1", 100.0, "v2", 0.0));
        assertThat(new VirtualServiceWeights(CLUSTER.get().client(), "bookinfo", "reviews", null).weights())
                .isEqualTo(Map.of("v1", 100.0, "v2", 0.0));
        assertThat(new HttpRouteWeights(CLUSTER.get().client(), "bookinfo", "reviews", 0).weights())
                .isEqualTo(Map.of("reviews-stable", 100.0, "reviews-canary", 0.0));
    }

    @Test
    public void aWeightChangeOnTheVirtualServiceMovesTraffic() {
        String ns = "live";
        CLUSTER.get().createVirtualServices(ns, "reviews", 1);
        SimulationClock clock = SimulationClock.at(T0);
        TrafficModel model = TrafficModel.builder(ns, "reviews-0")
                .version(MeshVersion.subset("reviews-0", "v1"), VersionBehaviour.of(0, FAST))
                .version(MeshVersion.subset("reviews-0", "v2"), VersionBehaviour.of(0, FAST))
                .weights(new VirtualServiceWeights(CLUSTER.get().client(), ns, "reviews-0", "primary"))
                .clock(clock).seed(9).build();
        clock.advance(Duration.ofMinutes(1));
        model.tick();
        assertThat(model.cumulative(MeshVersion.subset("reviews-0", "v2")).requests()).isZero();

        setWeights(MeshResources.virtualService("v1"), ns, "reviews-0", List.of("spec", "http", 0, "route"), 80, 20);
        Instant changed = clock.instant();
        clock.advance(Duration.ofMinutes(10));
        model.tick();

        long stable = model.totals(MeshVersion.subset("reviews-0", "v1"), changed, clock.instant()).requests();
        long canary = model.totals(MeshVersion.subset("reviews-0", "v2"), changed, clock.instant()).requests();
        assertThat(canary / (double) (stable + canary)).isCloseTo(0.2, within(0.015));
    }

    @Test
    public void aWeightChangeOnTheHttpRouteMovesTraffic() {
        MeshVersion stable = SimulatedCluster.STABLE_HOST;
        MeshVersion canary = SimulatedCluster.CANARY_HOST;
        SimulationClock clock = SimulationClock.at(T0);
        TrafficModel model = CLUSTER.get().reviewsHostTraffic(VersionBehaviour.of(0, FAST), VersionBehaviour.of(0, FAST))
                .clock(clock).build();
        setWeights(MeshResources.httpRoute("v1"), "bookinfo", "reviews", List.of("spec", "rules", 0, "backendRefs"),
                50, 50);
        try {
            clock.advance(Duration.ofMinutes(10));
            model.tick();
            long s = model.cumulative(stable).requests();
            long c = model.cumulative(canary).requests();
            assertThat(c / (double) (s + c)).isCloseTo(0.5, within(0.015));
        } finally {
            setWeights(MeshResources.httpRoute("v1"), "bookinfo", "reviews",
                    List.of("spec", "rules", 0, "backendRefs"), 100, 0);
        }
    }

    @Test
    public void missingObjectsAndRoutesAreNamed() {
        assertThatThrownBy(() -> new VirtualServiceWeights(CLUSTER.get().client(), "bookinfo", "nope", "primary").weights())
                .hasMessage("VirtualService bookinfo/nope does not exist; create it or point the simulator elsewhere");
        assertThatThrownBy(() -> new VirtualServiceWeights(CLUSTER.get().client(), "bookinfo", "reviews", "canary")
                .weights()).hasMessage("VirtualService bookinfo/reviews has no HTTP route named 'canary' "
                        + "(routes: [tester, primary])");
        assertThatThrownBy(() -> new HttpRouteWeights(CLUSTER.get().client(), "bookinfo", "reviews", 3).weights())
                .hasMessage("HTTPRoute bookinfo/reviews has no rule #3 (it has 1)");
    }

    @Test
    public void theModelsTrafficUsesTheSeededVirtualService() {
        SimulationClock clock = SimulationClock.at(T0);
        TrafficModel model = CLUSTER.get().reviewsTraffic(VersionBehaviour.of(0, FAST), VersionBehaviour.of(0, FAST))
                .clock(clock).build();
        clock.advance(Duration.ofSeconds(30));
        model.tick();
        assertThat(model.cumulative(V1).requests()).isPositive();
        assertThat(model.cumulative(V2).requests()).isZero();
    }

    /** A plain fabric8 GET + PUT, as any client of the API server would change the weights. */
    private static void setWeights(ResourceDefinitionContext kind, String ns, String name, List<Object> path,
            int first, int second) {
        GenericKubernetesResource resource = CLUSTER.get().get(kind, ns, name);
        List<Map<String, Object>> destinations = resource.get(path.toArray());
        destinations.get(0).put("weight", first);
        destinations.get(1).put("weight", second);
        CLUSTER.get().client().genericKubernetesResources(kind).inNamespace(ns).resource(resource).update();
    }
}
