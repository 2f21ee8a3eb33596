package io.jenkins.plugins.mesh.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

public class ValidMeshTest {

    @Test
    public void theValidMeshHasNoFindings() {
        ValidationReport report = MeshFixture.validate(MeshFixture.validMesh());
        assertThat(report.findings()).isEmpty();
        assertThat(report.hasErrors()).isFalse();
        assertThat(report.resources()).isEqualTo(9);
    }

    @Test
    public void findingsPrintLikeACompiler() {
        ValidationReport report = MeshFixture.withMesh("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: ratings
                  namespace: shop
                spec:
                  hosts: [ratings]
                  http:
                  - route:
                    - destination:
                        host: ratings
                """);
        Finding finding = MeshFixture.single(report, FindingCode.IST0101);
        assertThat(finding.toText()).matches("test\\.yaml:\\d+: error IST0101 VirtualService shop/ratings: "
                + "Referenced host not found: \"ratings\" \\(ratings.shop.svc.cluster.local\\); create a Service.*");
        assertThat(report.hasErrors()).isTrue();
    }
}
