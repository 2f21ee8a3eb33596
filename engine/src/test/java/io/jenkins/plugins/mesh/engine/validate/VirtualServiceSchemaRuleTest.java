package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.findings;
import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.single;
import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.withMesh;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

public class VirtualServiceSchemaRuleTest {

    private static String vs(String spec) {
        return MeshFixture.probe("networking.istio.io/v1", "VirtualService", spec);
    }

    private static String route(String destinations) {
        return vs("hosts: [ratings]\nhttp:\n- route:\n" + destinations.indent(2));
    }

    @Test
    public void hostsAreRequired() {
        Finding finding = single(withMesh(vs("http:\n- route:\n  - destination: {host: reviews}")), FindingCode.IST0106);
        assertThat(finding.message()).contains("spec.hosts is empty");
        assertThat(finding.line()).isGreaterThan(100);
    }

    @Test
    public void aDelegateMayOmitHosts() {
        String parent = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: parent, namespace: shop}
                spec:
                  hosts: [reviews.example.com]
                  gateways: [public]
                  http:
                  - delegate: {name: probe}
                """;
        ValidationReport report = withMesh(parent + "---\n" + vs("http:\n- route:\n  - destination: {host: reviews}"));
        assertThat(findings(report, FindingCode.IST0106)).isEmpty();
    }

    @Test
    public void starHostIsNotForTheMesh() {
        Finding finding = single(withMesh(vs("hosts: ['*']\nhttp:\n- route:\n  - destination: {host: reviews}")),
                FindingCode.IST0106);
        assertThat(finding.message()).contains("host '*' is not allowed for the mesh");
    }

    @Test
    public void hostsAreDnsNamesWithWildcardsOnlyInFront() {
        String bad = vs("hosts: [bad_host.example.com]\nhttp:\n- route:\n  - destination: {host: reviews}");
        assertThat(single(withMesh(bad), FindingCode.IST0106).message())
                .contains("host 'bad_host.example.com' has an invalid label 'bad_host'");
        String middle = vs("hosts: [api.*.example.com]\ngateways: [public]\nhttp:\n- route:\n"
                + "  - destination: {host: reviews}");
        assertThat(findings(withMesh(middle), FindingCode.IST0106)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("invalid label '*'"));
        String destination = vs("hosts: [ratings]\nhttp:\n- route:\n  - destination: {host: 'reviews.shop.'}");
        assertThat(findings(withMesh(destination), FindingCode.IST0106)).isEmpty();
        String spaced = vs("hosts: [ratings]\nhttp:\n- route:\n  - destination: {host: 're views'}");
        assertThat(single(withMesh(spaced), FindingCode.IST0106).message()).contains("invalid label 're views'");
    }

    @Test
    public void gatewayNames() {
        String bad = vs("hosts: [ratings]\ngateways: [shop/public/x]\nhttp:\n- route:\n  - destination: {host: reviews}");
        assertThat(findings(withMesh(bad), FindingCode.IST0106)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("'shop/public/x' is not a gateway name"));
        String good = vs("hosts: [shop.example.com]\ngateways: [shop/public, mesh]\nhttp:\n- route:\n"
                + "  - destination: {host: frontend}");
        assertThat(withMesh(good).findings()).isEmpty();
    }

    @Test
    public void atLeastOneRouteKind() {
        assertThat(single(withMesh(vs("hosts: [ratings]")), FindingCode.IST0106).message())
                .contains("no http, tcp or tls routes");
    }

    @Test
    public void exactlyOneOfRouteRedirectDirectResponse() {
        String both = vs("""
                hosts: [ratings]
                http:
                - redirect: {uri: /v2}
                  route:
                  - destination: {host: reviews}
                """);
        assertThat(single(withMesh(both), FindingCode.IST0106).message()).contains("more than one of route, redirect");
        String none = vs("hosts: [ratings]\nhttp:\n- name: empty\n  timeout: 1s");
        assertThat(single(withMesh(none), FindingCode.IST0106).message())
                .contains("route \"empty\" has no route, redirect, directResponse or delegate");
        String direct = vs("hosts: [ratings]\nhttp:\n- directResponse: {status: 503}");
        assertThat(findings(withMesh(direct), FindingCode.IST0106)).isEmpty();
        String badStatus = vs("hosts: [ratings]\nhttp:\n- directResponse: {status: 700}");
        assertThat(single(withMesh(badStatus), FindingCode.IST0106).message()).contains("from 200 to 599");
    }

    @Test
    public void weightsAreRelativeAndNeedNotAddUpTo100() {
        String relative = route("""
                - destination: {host: reviews, subset: v1}
                  weight: 3
                - destination: {host: reviews, subset: v2}
                  weight: 1
                """);
        assertThat(withMesh(relative).findings()).isEmpty();
    }

    @Test
    public void negativeWeightIsAnError() {
        String negative = route("""
                - destination: {host: reviews, subset: v1}
                  weight: -10
                - destination: {host: reviews, subset: v2}
                  weight: 110
                """);
        Finding finding = single(withMesh(negative), FindingCode.IST0106);
        assertThat(finding.message()).contains("weight -10 < 0");
    }

    @Test
    public void allWeightsZeroIsAnErrorButOneDestinationMayHaveZero() {
        String zero = route("""
                - destination: {host: reviews, subset: v1}
                  weight: 0
                - destination: {host: reviews, subset: v2}
                  weight: 0
                """);
        assertThat(single(withMesh(zero), FindingCode.IST0106).message()).contains("total destination weight = 0");
        String omitted = route("- destination: {host: reviews, subset: v1}\n- destination: {host: reviews, subset: v2}");
        assertThat(single(withMesh(omitted), FindingCode.IST0106).message()).contains("an omitted weight is 0");
        String single = route("- destination: {host: reviews, subset: v1}\n  weight: 0");
        assertThat(withMesh(single).findings()).isEmpty();
    }

    @Test
    public void weightMustBeAWholeNumber() {
        String text = route("- destination: {host: reviews}\n  weight: ninety");
        assertThat(single(withMesh(text), FindingCode.IST0106).message()).contains("must be a whole number");
        String fraction = route("- destination: {host: reviews}\n  weight: 0.5");
        assertThat(single(withMesh(fraction), FindingCode.IST0106).message()).contains("must be a whole number");
    }

    @Test
    public void destinationNeedsAHostAndAValidPort() {
        String noHost = route("- destination: {subset: v1}");
        assertThat(single(withMesh(noHost), FindingCode.IST0106).message()).contains("destination host is missing");
        String port = route("- destination: {host: reviews, port: {number: 70000}}");
        assertThat(single(withMesh(port), FindingCode.IST0106).message()).contains("70000; use a value from 1 to 65535");
        String noDestination = route("- weight: 10");
        assertThat(single(withMesh(noDestination), FindingCode.IST0106).message()).contains("needs a destination");
    }

    @Test
    public void tcpRoutesAreCheckedToo() {
        String tcp = vs("hosts: [ratings]\ntcp:\n- route:\n  - destination: {host: reviews, port: {number: 0}}");
        assertThat(single(withMesh(tcp), FindingCode.IST0106).message()).contains("use a value from 1 to 65535");
    }

    @Test
    public void specMustBeAMapping() {
        String text = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: probe, namespace: shop}
                spec: [1, 2]
                """;
        assertThat(single(withMesh(text), FindingCode.IST0106).message()).contains("spec is missing or not a mapping");
    }
}
