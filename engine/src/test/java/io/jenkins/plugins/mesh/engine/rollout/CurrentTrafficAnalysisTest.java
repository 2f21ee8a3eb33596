package io.jenkins.plugins.mesh.engine.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.mesh.engine.analysis.MeshObserver;
import io.jenkins.plugins.mesh.engine.analysis.MetricException;
import io.jenkins.plugins.mesh.engine.analysis.RequestCounts;
import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import io.jenkins.plugins.mesh.engine.analysis.VersionLabel;
import io.jenkins.plugins.mesh.engine.analysis.VersionSelector;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.Test;

public class CurrentTrafficAnalysisTest {

    private static final Instant AT = Instant.parse("2026-01-01T10:10:00Z");
    private static final VersionSelector CANARY = VersionSelector.subset("bookinfo", "reviews", "v2");

    /** The canary serves {@code perSecond} requests with {@code errorRatio} failing; the stable 90/s, healthy. */
    private record Mesh(double perSecond, double errorRatio, MetricException failure) implements MeshObserver {

        @Override
        public RequestCounts requests(VersionSelector version, Duration window, Instant at) throws MetricException {
            if (failure != null) {
                throw failure;
            }
            double total = (version.equals(CANARY) ? perSecond : 90) * window.toSeconds();
            return total == 0 ? RequestCounts.NONE : new RequestCounts(total, Math.round(total
                    * (version.equals(CANARY) ? errorRatio : 0.001)));
        }

        @Override
        public OptionalDouble latencyMillis(VersionSelector version, double quantile, Duration window, Instant at) {
            return OptionalDouble.of(50);
        }
    }

    @Test
    public void failOnDecidesWhichVerdictsFail() {
        assertThat(FailOn.FAIL.fails(Verdict.FAIL)).isTrue();
        assertThat(FailOn.FAIL.fails(Verdict.INCONCLUSIVE)).isFalse();
        assertThat(FailOn.INCONCLUSIVE.fails(Verdict.INCONCLUSIVE)).isTrue();
        assertThat(FailOn.INCONCLUSIVE.fails(Verdict.PASS)).isFalse();
        assertThat(FailOn.NEVER.fails(Verdict.FAIL)).isFalse();
        assertThat(FailOn.parse(" Never ")).isEqualTo(FailOn.NEVER);
        assertThat(FailOn.DEFAULT).isEqualTo(FailOn.INCONCLUSIVE);
        assertThatThrownBy(() -> FailOn.parse("warn")).hasMessageContaining("not one of fail");
    }

    @Test
    public void requestsNameTheVersionsThroughARouteAServiceOrTwoServices() {
        AnalysisRequest onRoute = AnalysisRequest.onRoute(RouteKind.VIRTUAL_SERVICE, "bookinfo", "reviews", null,
                "v1", "v2");
        assertThat(onRoute.checks()).isEqualTo(CanaryRequest.DEFAULT_CHECKS);
        assertThat(onRoute.failOn()).isEqualTo(FailOn.INCONCLUSIVE);

        CurrentTrafficAnalysis subsets = CurrentTrafficAnalysis.prepare(AnalysisRequest.onService("bookinfo",
                "reviews", "v1", "v2"), null);
        assertThat(subsets.canary()).isEqualTo(CANARY);
        assertThat(subsets.describe()).isEqualTo("Service bookinfo/reviews: v1 -> v2");
        CurrentTrafficAnalysis hosts = CurrentTrafficAnalysis.prepare(AnalysisRequest.onService("bookinfo", null,
                "reviews-stable", "reviews-canary"), null);
        assertThat(hosts.stable().label()).isEqualTo(VersionLabel.DESTINATION_SERVICE_NAME);
        assertThat(hosts.canary()).hasToString("bookinfo/reviews-canary");

        assertThatThrownBy(() -> new AnalysisRequest(null, "bookinfo", null, "primary", "a", "b", null, null, 50,
                null, null, null)).hasMessageContaining("needs the VirtualService or HTTPRoute");
        assertThatThrownBy(() -> AnalysisRequest.onService("bookinfo", "reviews", "v1", "v1"))
                .hasMessageContaining("both v1");
        assertThatThrownBy(() -> AnalysisRequest.onService("bookinfo", "reviews", "v1", "v2")
                .withWindow(Duration.ofMillis(500))).hasMessageContaining("at least 1s");
        assertThatThrownBy(() -> AnalysisRequest.onService("bookinfo", "reviews", "v1", "v2")
                .withChecks(List.of("nope"))).hasMessageContaining("'nope' is not a check");
    }

    @Test
    public void eachCheckIsReportedWithItsValueAndTheVerdictFailsByFailOn() {
        AnalysisRequest request = AnalysisRequest.onService("bookinfo", "reviews", "v1", "v2")
                .withChecks(List.of("success-rate>=99", "latency-p99<=500")).withWindow(Duration.ofMinutes(1));

        AnalysisReport healthy = CurrentTrafficAnalysis.prepare(request, null).evaluate(new Mesh(20, 0.001, null),
                null, AT);
        assertThat(healthy.verdict()).isEqualTo(Verdict.PASS);
        assertThat(healthy.failed()).isFalse();
        assertThat(healthy.checks().get(0).value()).isCloseTo(99.92, within(0.01));
        assertThat(healthy.checks().get(1).value()).isEqualTo(50.0);
        assertThat(healthy.time()).isEqualTo("2026-01-01T10:10:00Z");
        assertThat(healthy.window()).isEqualTo("60s");

        AnalysisReport faulty = CurrentTrafficAnalysis.prepare(request, null).evaluate(new Mesh(20, 0.2, null), null,
                AT);
        assertThat(faulty.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(faulty.failed()).isTrue();

        AnalysisReport idle = CurrentTrafficAnalysis.prepare(request.withFailOn(FailOn.FAIL), null)
                .evaluate(new Mesh(0, 0, null), null, AT);
        assertThat(idle.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(idle.failed()).isFalse();
        assertThat(idle.metricsUnavailable()).isFalse();
        assertThat(idle.toJson()).contains("\"verdict\" : \"INCONCLUSIVE\"", "\"failOn\" : \"fail\"",
                "\"failed\" : false", "\"canary\" : \"bookinfo/reviews@v2\"");

        AnalysisReport unreachable = CurrentTrafficAnalysis.prepare(request, null).evaluate(new Mesh(20, 0,
                new MetricException("Prometheus at http://p:9090 did not answer")), null, AT);
        assertThat(unreachable.metricsUnavailable()).isTrue();
        assertThat(unreachable.checks()).allSatisfy(c -> assertThat(c.error()).contains("did not answer"));
    }
}
