package io.jenkins.plugins.mesh.engine.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mesh.engine.analysis.Reporter;
import io.jenkins.plugins.mesh.engine.analysis.VersionLabel;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import java.time.Duration;
import java.util.List;
import org.junit.Test;

public class CanaryRequestTest {

    private static CanaryRequest request() {
        return CanaryRequest.of(RouteKind.VIRTUAL_SERVICE, "shop", "reviews", "v1", "v2", List.of(10, 25, 50));
    }

    @Test
    public void defaultsAreFilledIn() {
        CanaryRequest request = request();
        assertThat(request.checks()).isEqualTo(CanaryRequest.DEFAULT_CHECKS);
        assertThat(request.interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(request.endAction()).isEqualTo(EndAction.PROMOTE);
        assertThat(request.reporter()).isEqualTo(Reporter.DESTINATION);
        assertThat(request.versionLabel()).isEqualTo(VersionLabel.DESTINATION_VERSION);
        assertThat(request.plan().failureLimit()).isEqualTo(CanaryPlan.DEFAULT_FAILURE_LIMIT);
        assertThat(request.analysis().checks()).hasSize(3);
    }

    @Test
    public void roundTripsThroughJson() {
        RolloutStateJson json = new RolloutStateJson();
        CanaryRequest request = request().withRoute("primary").withChecks(List.of("success-rate>=99",
                "latency-p99<=500")).withLimits(2, 5, Duration.ofMinutes(30)).withEndAction(EndAction.HOLD);
        assertThat(json.readRequest(json.write(request))).isEqualTo(request);
    }

    @Test
    public void badInputFailsBeforeAnythingIsRead() {
        assertThatThrownBy(() -> CanaryRequest.of(RouteKind.VIRTUAL_SERVICE, "Shop", "reviews", "v1", "v2",
                List.of(10))).hasMessageContaining("namespace 'Shop'");
        assertThatThrownBy(() -> CanaryRequest.of(RouteKind.VIRTUAL_SERVICE, "shop", "reviews", "v1\"}", "v2",
                List.of(10))).hasMessageContaining("stable 'v1\"}' is not a valid destination");
        assertThatThrownBy(() -> CanaryRequest.of(RouteKind.VIRTUAL_SERVICE, "shop", "reviews", "v1", "",
                List.of(10))).hasMessageContaining("canary version is missing");
        assertThatThrownBy(() -> request().withChecks(List.of("succes-rate>=99")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanaryRequest.of(RouteKind.VIRTUAL_SERVICE, "shop", "reviews", "v1", "v2",
                List.of(50, 10))).hasMessageContaining("must increase");
    }

    @Test
    public void resolvedTargetsRoundTripThroughJson() {
        RolloutStateJson json = new RolloutStateJson();
        var subsets = io.jenkins.plugins.mesh.engine.traffic.RouteTarget.virtualService("shop", "reviews", "primary",
                io.jenkins.plugins.mesh.engine.traffic.Destination.subset("reviews", "v1"),
                io.jenkins.plugins.mesh.engine.traffic.Destination.subset("reviews", "v2"));
        var hosts = io.jenkins.plugins.mesh.engine.traffic.RouteTarget.httpRoute("shop", "reviews", null,
                io.jenkins.plugins.mesh.engine.traffic.Destination.host("reviews-stable"),
                io.jenkins.plugins.mesh.engine.traffic.Destination.host("reviews-canary"));
        assertThat(json.readTarget(json.write(subsets))).isEqualTo(subsets);
        assertThat(json.readTarget(json.write(hosts))).isEqualTo(hosts);
    }

    @Test
    public void namesForMetricsComeFromHosts() {
        assertThat(CanaryRollout.shortName("reviews.shop.svc.cluster.local")).isEqualTo("reviews");
        assertThat(CanaryRollout.shortName("reviews")).isEqualTo("reviews");
        assertThat(CanaryRollout.namespaceOf("reviews.shop.svc.cluster.local", "web")).isEqualTo("shop");
        assertThat(CanaryRollout.namespaceOf("reviews", "web")).isEqualTo("web");
    }
}
