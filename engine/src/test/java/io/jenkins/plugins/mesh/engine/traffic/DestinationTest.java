package io.jenkins.plugins.mesh.engine.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.Test;

public class DestinationTest {

    @Test
    public void shortNamesMatchTheirFullyQualifiedFormsInTheSameNamespace() {
        Destination reviews = Destination.subset("reviews", "v1");
        assertThat(reviews.matches("reviews", "v1", "shop")).isTrue();
        assertThat(reviews.matches("reviews.shop", "v1", "shop")).isTrue();
        assertThat(reviews.matches("reviews.shop.svc.cluster.local", "v1", "shop")).isTrue();
        assertThat(reviews.matches("reviews.other.svc.cluster.local", "v1", "shop")).isFalse();
        assertThat(reviews.matches("reviews", "v2", "shop")).isFalse();
        assertThat(Destination.host("reviews.shop.svc.cluster.local").matches("reviews", null, "shop")).isTrue();
    }

    @Test
    public void stableAndCanaryMustDiffer() {
        assertThatThrownBy(() -> RouteTarget.virtualService("shop", "r", null, Destination.host("a"),
                Destination.host("a"))).hasMessageContaining("stable and canary are both a");
    }

    @Test
    public void targetNamesAreCheckedBeforeAnyRequest() {
        assertThatThrownBy(() -> RouteTarget.virtualService("Shop!", "r", null, Destination.host("a"),
                Destination.host("b"))).hasMessageContaining("namespace 'Shop!' is not a valid Kubernetes name");
    }
}
