package io.jenkins.plugins.mesh.engine.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;

/** A cluster with an older Istio that serves VirtualService at v1beta1 and v1alpha3 only. */
public class ApiVersionDiscoveryTest {

    @Rule
    public final MeshApiServer cluster = new MeshApiServer(List.of("v1beta1", "v1alpha3"));

    @Test
    public void usesTheNewestVersionTheClusterServes() {
        cluster.create(RouteFixtures.REVIEWS.replace("networking.istio.io/v1", "networking.istio.io/v1beta1"));
        TrafficController traffic = cluster.controller();

        LeaseRef ref = traffic.begin(RouteFixtures.SUBSETS, RouteFixtures.BUILD_42, false).ref();
        traffic.setWeight(RouteFixtures.SUBSETS, RouteFixtures.BUILD_42, 5);

        Map<String, Object> vs = cluster.read(RouteKind.VIRTUAL_SERVICE, "shop", "reviews");
        assertThat(vs.get("apiVersion")).isEqualTo("networking.istio.io/v1beta1");
        assertThat(TrafficControllerTest.weights(vs, 1)).containsExactly(95, 5);
        assertThat(cluster.api.log()).anyMatch(l -> l.startsWith("PUT /apis/networking.istio.io/v1beta1/"));
        assertThat(traffic.lease(ref).orElseThrow().snapshot().apiVersion()).isEqualTo("networking.istio.io/v1beta1");
    }
}
