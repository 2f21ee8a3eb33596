package io.jenkins.plugins.mesh.engine.traffic;

import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.BUILD_42;
import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.REVIEWS;
import static io.jenkins.plugins.mesh.engine.traffic.RouteFixtures.SUBSETS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;

public class TrafficControllerTest {

    @Rule
    public final MeshApiServer cluster = new MeshApiServer();

    @Test
    public void setsWeightsOnTheSelectedRouteOnlyAndRestoresExactly() {
        Map<String, Object> original = cluster.create(REVIEWS);
        TrafficController traffic = cluster.controller();

        RouteLease lease = traffic.begin(SUBSETS, BUILD_42, false);
        WeightChange change = traffic.setWeight(SUBSETS, BUILD_42, 20);

        assertThat(change.after()).extracting(WeightedDestination::weight).containsExactly(80, 20);
        Map<String, Object> now = cluster.read(RouteKind.VIRTUAL_SERVICE, "shop", "reviews");
        assertThat(now.toString()).contains("weight=80").contains("weight=20");

        traffic.restore(lease.ref(), BUILD_42);
        Map<String, Object> restored = cluster.read(RouteKind.VIRTUAL_SERVICE, "shop", "reviews");
        assertThat(withoutServerFields(restored)).isEqualTo(withoutServerFields(original));
        assertThat(traffic.lease(lease.ref())).isEmpty();
    }

    static Map<String, Object> withoutServerFields(Map<String, Object> object) {
        Map<String, Object> copy = JsonTree.copyMap(object);
        Map<String, Object> metadata = JsonTree.asMap(copy.get("metadata"));
        for (String field : List.of("resourceVersion", "generation", "managedFields")) {
            metadata.remove(field);
        }
        return copy;
    }
}
