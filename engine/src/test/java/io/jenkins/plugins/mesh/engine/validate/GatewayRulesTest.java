package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.findings;
import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.single;
import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.withMesh;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

/** IST0132 (host not in gateway) and IST0109 (two mesh VirtualServices for one host). */
public class GatewayRulesTest {

    private static String vs(String name, String namespace, String hostsAndGateways) {
        return "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: " + name + ", namespace: "
                + namespace + "}\nspec:\n" + hostsAndGateways.indent(2)
                + "  http:\n  - route:\n    - destination: {host: frontend.shop.svc.cluster.local}\n";
    }

    @Test
    public void hostMissingFromGateway() {
        Finding finding = single(withMesh(vs("probe", "shop", "hosts: [admin.example.com]\ngateways: [public]")),
                FindingCode.IST0132);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("host [admin.example.com]").contains("not found in Gateway shop/public");
    }

    @Test
    public void wildcardAndNamespacedServerHosts() {
        String gateway = """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge, namespace: istio-system}
                spec:
                  servers:
                  - port: {number: 80, name: http, protocol: HTTP}
                    hosts: ["web/*.example.com", "./internal.example.com"]
                ---
                """;
        assertThat(findings(withMesh(gateway + vs("a", "web", "hosts: [a.example.com]\ngateways: [istio-system/edge]")),
                FindingCode.IST0132)).isEmpty();
        assertThat(findings(withMesh(gateway + vs("b", "other", "hosts: [b.example.com]\ngateways: [istio-system/edge]")),
                FindingCode.IST0132)).hasSize(1);
        // "./host" is visible only to VirtualServices in the Gateway's own namespace
        assertThat(findings(withMesh(gateway + vs("c", "istio-system", "hosts: [internal.example.com]\n"
                + "gateways: [edge]")), FindingCode.IST0132)).isEmpty();
        assertThat(findings(withMesh(gateway + vs("d", "other", "hosts: [internal.example.com]\n"
                + "gateways: [istio-system/edge]")), FindingCode.IST0132)).hasSize(1);
    }

    @Test
    public void twoMeshVirtualServicesForOneHostConflict() {
        ValidationReport report = withMesh(vs("reviews-copy", "shop", "hosts: [reviews.shop.svc.cluster.local]"));
        assertThat(findings(report, FindingCode.IST0109)).hasSize(2).allSatisfy(f -> assertThat(f.message())
                .contains("shop/reviews,shop/reviews-copy").contains("reviews.shop.svc.cluster.local")
                .contains("merging"));
    }

    @Test
    public void gatewayOnlyVirtualServicesDoNotConflictWithTheMesh() {
        assertThat(findings(withMesh(vs("edge", "shop", "hosts: [reviews]\ngateways: [public]")), FindingCode.IST0109))
                .isEmpty();
    }
}
