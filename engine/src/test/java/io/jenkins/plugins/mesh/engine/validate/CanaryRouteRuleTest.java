package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.findings;
import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.single;
import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.validMesh;
import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.Test;

public class CanaryRouteRuleTest {

    private static ValidationReport canary(String route, String stable, String canary) {
        return validate(validMesh(), new CanaryTarget("VirtualService", "shop", "reviews", route, stable, canary));
    }

    @Test
    public void namedRouteHoldingBothDestinationsPasses() {
        assertThat(canary("primary", "v1", "v2").findings()).isEmpty();
    }

    @Test
    public void namedRouteWithoutTheCanaryFails() {
        Finding finding = single(canary("jason", "v1", "v2"), FindingCode.MESH0001);
        assertThat(finding.message()).isEqualTo("VirtualService shop/reviews route \"jason\" has no stable destination "
                + "v1; add it to the route (weight 0 for the canary) so the canary can shift traffic, or name another "
                + "route");
        assertThat(finding.line()).isGreaterThan(30);
        assertThat(single(canary("primary", "v1", "v3"), FindingCode.MESH0001).message())
                .contains("no canary destination v3");
        assertThat(single(canary("primary", "v0", "v3"), FindingCode.MESH0001).message())
                .contains("neither the stable (v0) nor the canary (v3)");
    }

    @Test
    public void unknownRouteNameListsTheRoutes() {
        assertThat(single(canary("main", "v1", "v2"), FindingCode.MESH0002).message())
                .contains("has no route named 'main' (routes: \"jason\", \"primary\")");
    }

    @Test
    public void withoutARouteNameTheOnlyCandidateIsUsedOrTheChoiceIsAsked() {
        assertThat(single(canary(null, "v1", "v2"), FindingCode.MESH0002).message())
                .contains("2 routes hold them (\"jason\", \"primary\"); name the route to use");
        assertThat(canary(null, "v1", "v1").findings()).isEmpty();
    }

    @Test
    public void missingTargetObject() {
        ValidationReport report = validate(validMesh(), new CanaryTarget("VirtualService", "shop", "ratings", null,
                "v1", "v2"));
        Finding finding = single(report, FindingCode.MESH0002);
        assertThat(finding.toText()).startsWith(": error MESH0002 VirtualService shop/ratings: VirtualService "
                + "shop/ratings is not among the files");
    }

    @Test
    public void httpRouteBackendsByServiceName() {
        assertThat(validate(validMesh(), new CanaryTarget("HTTPRoute", "shop", "frontend", "primary", "frontend",
                "reviews")).findings()).isEmpty();
        assertThat(single(validate(validMesh(), new CanaryTarget("HTTPRoute", "shop", "frontend", "primary",
                "frontend", "frontend-canary")), FindingCode.MESH0001).message()).contains("no canary destination "
                + "frontend-canary");
    }

    @Test
    public void hostBasedCanaryInAVirtualService() {
        String hosts = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: web, namespace: shop}
                spec:
                  hosts: [web.example.com]
                  gateways: [public]
                  http:
                  - route:
                    - destination: {host: frontend}
                      weight: 100
                    - destination: {host: reviews.shop.svc.cluster.local}
                      weight: 0
                """;
        assertThat(findings(validate(validMesh() + "---\n" + hosts, new CanaryTarget("VirtualService", "shop", "web",
                null, "frontend", "reviews")), FindingCode.MESH0001)).isEmpty();
    }

    @Test
    public void onlyVirtualServiceAndHttpRouteAreTargets() {
        assertThatThrownBy(() -> new CanaryTarget("Ingress", "shop", "x", null, "a", "b"))
                .hasMessageContaining("use VirtualService or HTTPRoute");
    }
}
