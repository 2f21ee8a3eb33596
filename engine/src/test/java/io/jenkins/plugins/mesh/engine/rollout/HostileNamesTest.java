package io.jenkins.plugins.mesh.engine.rollout;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mesh.engine.analysis.VersionSelector;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import java.util.List;
import org.junit.Test;

/**
 * Names that could change a PromQL query or a Kubernetes request if they got through (quotes, braces, regex and
 * PromQL operators, path separators, control and bidi characters) are refused when the canary request is made, before
 * anything is read or written, with a message naming the field; the metric selectors refuse them again.
 */
public class HostileNamesTest {

    private static final List<String> HOSTILE = List.of("v2\"} or vector(1) or {x=\"", "v2'}", "v2\\", "v.*",
            "v2|v1", "v2}", "{", "v2\n", "v2 or on() vector(1)", "../v2", "v2/x", "\u202Ev2", "V2", "", " ",
            "a".repeat(300), "v2\"", "v2`", "$(id)", "${jndi:x}", "reviews:v2\"}", "reviews:");

    @Test
    public void everyNameOfARequestIsCheckedWhenItIsMade() {
        for (String bad : HOSTILE) {
            assertThatThrownBy(() -> CanaryRequest.of(RouteKind.VIRTUAL_SERVICE, bad, "reviews", "v1", "v2",
                    List.of(10))).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("namespace");
            assertThatThrownBy(() -> CanaryRequest.of(RouteKind.VIRTUAL_SERVICE, "shop", bad, "v1", "v2",
                    List.of(10))).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("VirtualService name");
            assertThatThrownBy(() -> CanaryRequest.of(RouteKind.VIRTUAL_SERVICE, "shop", "reviews", bad, "v2",
                    List.of(10))).as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stable");
            assertThatThrownBy(() -> CanaryRequest.of(RouteKind.HTTP_ROUTE, "shop", "reviews", "v1", bad,
                    List.of(10))).as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("canary");
        }
    }

    @Test
    public void metricSelectorsRefuseThemAgain() {
        for (String bad : HOSTILE) {
            if (!bad.equals("V2")) { // upper case is a valid label value, and harmless in a query
                assertThatThrownBy(() -> VersionSelector.subset("shop", "reviews", bad)).as(bad)
                        .isInstanceOf(IllegalArgumentException.class);
            }
            assertThatThrownBy(() -> VersionSelector.host("shop", bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> VersionSelector.subset(bad, "reviews", "v2")).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
