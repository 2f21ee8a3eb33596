package io.jenkins.plugins.mesh.engine.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mesh.engine.rollout.CanaryRequest;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRollout;
import io.jenkins.plugins.mesh.engine.rollout.RolloutListener;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;

/**
 * A canary resolved for a dry run ({@link CanaryRollout#forPreview}) previews every step, writes nothing and cannot
 * be driven. Here rather than with the rollout tests because it needs this package's API server fixture.
 */
public class CanaryRolloutPreviewTest {

    @Rule
    public final MeshApiServer cluster = new MeshApiServer();

    @Test
    public void previewsEveryStepAndThePromotionWithoutWriting() {
        cluster.create(RouteFixtures.REVIEWS);
        Map<String, Object> before = cluster.read(RouteKind.VIRTUAL_SERVICE, "shop", "reviews");
        CanaryRequest request = CanaryRequest.of(RouteKind.VIRTUAL_SERVICE, "shop", "reviews", "v1", "v2",
                List.of(10, 50));

        CanaryRollout rollout = CanaryRollout.forPreview(request, cluster.controller());

        assertThat(rollout.describe()).isEqualTo("VirtualService shop/reviews: v1 -> v2");
        List<RoutePreview> previews = rollout.preview();
        assertThat(previews).hasSize(3).allSatisfy(p -> assertThat(p.changes()).isTrue());
        assertThat(previews.get(0).after()).extracting(WeightedDestination::weight).containsExactly(90, 10);
        assertThat(previews.get(1).after()).extracting(WeightedDestination::weight).containsExactly(50, 50);
        assertThat(previews.get(2).after()).extracting(WeightedDestination::weight).containsExactly(0, 100);
        assertThat(cluster.read(RouteKind.VIRTUAL_SERVICE, "shop", "reviews")).isEqualTo(before);
        assertThatThrownBy(() -> rollout.driver(Clock.systemUTC(), RolloutListener.NONE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("dry run");
    }
}
