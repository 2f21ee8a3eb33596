package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.findings;
import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.single;
import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.withMesh;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

public class ReferenceRuleTest {

    private static String vs(String namespace, String spec) {
        return "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: probe, namespace: "
                + namespace + "}\nspec:\n" + spec.indent(2);
    }

    private static String toDestination(String destination) {
        return vs("shop", "hosts: [ratings]\nhttp:\n- route:\n  - destination: " + destination);
    }

    @Test
    public void unknownSubsetNamesTheSubsetsThatExist() {
        Finding finding = single(withMesh(toDestination("{host: reviews, subset: v3}")), FindingCode.IST0101);
        assertThat(finding.message()).contains("\"reviews+v3\" (reviews.shop.svc.cluster.local)").contains("[v1, v2]")
                .contains("add subset v3");
    }

    @Test
    public void subsetWithoutAnyDestinationRule() {
        String text = "apiVersion: v1\nkind: Service\nmetadata: {name: ratings, namespace: shop}\n---\n"
                + toDestination("{host: ratings, subset: v1}");
        assertThat(single(withMesh(text), FindingCode.IST0101).message())
                .contains("no DestinationRule has host ratings.shop.svc.cluster.local");
    }

    @Test
    public void shortHostsResolveInTheNamespaceOfTheRoute() {
        Finding finding = single(withMesh(vs("other", "hosts: [x]\nhttp:\n- route:\n  - destination: {host: reviews}")),
                FindingCode.IST0101);
        assertThat(finding.message()).contains("\"reviews\" (reviews.other.svc.cluster.local)");
        assertThat(withMesh(vs("other", "hosts: [x]\nhttp:\n- route:\n  - destination: "
                + "{host: reviews.shop.svc.cluster.local, subset: v2}")).findings()).isEmpty();
    }

    @Test
    public void serviceEntriesProvideExternalHostsIncludingWildcards() {
        assertThat(withMesh(toDestination("{host: api.payments.example.com}")).findings()).isEmpty();
        assertThat(single(withMesh(toDestination("{host: api.other.example.com}")), FindingCode.IST0101).message())
                .contains("or a ServiceEntry");
        String wildcard = """
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: wild, namespace: shop}
                spec:
                  hosts: ["*.other.example.com"]
                ---
                """;
        assertThat(withMesh(wildcard + toDestination("{host: api.other.example.com}")).findings()).isEmpty();
    }

    @Test
    public void tcpDestinationsAreCheckedToo() {
        String tcp = vs("shop", "hosts: [ratings]\ntcp:\n- route:\n  - destination: {host: nowhere}");
        assertThat(single(withMesh(tcp), FindingCode.IST0101).message()).contains("nowhere.shop.svc.cluster.local");
    }

    @Test
    public void mirrorDestinationsMustExist() {
        String mirrors = vs("shop", """
                hosts: [ratings]
                http:
                - mirror: {host: shadow}
                  route:
                  - destination: {host: reviews}
                - mirrors:
                  - destination: {host: reviews, subset: v7}
                  route:
                  - destination: {host: reviews}
                """);
        ValidationReport report = withMesh(mirrors);
        assertThat(findings(report, FindingCode.IST0101)).extracting(Finding::message).satisfiesExactlyInAnyOrder(
                m -> assertThat(m).contains("Referenced mirror host not found: \"shadow\" (shadow.shop.svc.cluster.local)"),
                m -> assertThat(m).contains("+v7"));
    }

    @Test
    public void httpRouteMirrorBackendsMustExist() {
        String route = """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: probe, namespace: shop}
                spec:
                  rules:
                  - filters:
                    - type: RequestMirror
                      requestMirror:
                        backendRef: {name: reviews-next, port: 9080}
                        percent: 10
                    - type: RequestMirror
                      requestMirror:
                        backendRef: {name: reviews, port: 9080}
                    backendRefs:
                    - name: reviews
                """;
        Finding finding = single(withMesh(route), FindingCode.IST0101);
        assertThat(finding.message()).contains("Referenced Service not found: \"reviews-next.shop.svc.cluster.local\"");
    }

    @Test
    public void destinationRuleHostsMustExist() {
        String rules = """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: ghost, namespace: shop}
                spec: {host: ghost}
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: payments, namespace: shop}
                spec: {host: api.payments.example.com}
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: all, namespace: shop}
                spec: {host: "*.example.com"}
                """;
        Finding finding = single(withMesh(rules), FindingCode.IST0174);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.name()).isEqualTo("ghost");
        assertThat(finding.message()).contains("The host ghost defined in the DestinationRule does not match any services");
    }

    @Test
    public void gatewaysMustExist() {
        String missing = vs("shop", "hosts: [shop.example.com]\ngateways: [private]\nhttp:\n- route:\n"
                + "  - destination: {host: frontend}");
        Finding finding = single(withMesh(missing), FindingCode.IST0101);
        assertThat(finding.message()).contains("Referenced gateway not found: \"private\" (shop/private)");
        String qualified = vs("web", "hosts: [shop.example.com]\ngateways: [shop/public, mesh]\nhttp:\n- route:\n"
                + "  - destination: {host: frontend.shop.svc.cluster.local}");
        assertThat(findings(withMesh(qualified), FindingCode.IST0101)).isEmpty();
    }

    @Test
    public void httpRouteBackendsMustBeServices() {
        String route = """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: probe, namespace: shop}
                spec:
                  rules:
                  - backendRefs:
                    - name: frontend
                    - name: ghost
                      port: 80
                    - name: reviews
                      namespace: other
                    - name: bucket
                      kind: Backend
                      group: gateway.envoyproxy.io
                """;
        assertThat(findings(withMesh(route), FindingCode.IST0101)).extracting(Finding::message)
                .satisfiesExactlyInAnyOrder(
                        m -> assertThat(m).contains("\"ghost.shop.svc.cluster.local\""),
                        m -> assertThat(m).contains("\"reviews.other.svc.cluster.local\""));
    }
}
