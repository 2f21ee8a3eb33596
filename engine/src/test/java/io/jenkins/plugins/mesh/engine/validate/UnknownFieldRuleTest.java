package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.single;
import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.withMesh;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

public class UnknownFieldRuleTest {

    @Test
    public void misspelledWeightIsFoundWithASuggestionAndItsLine() {
        String text = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: probe, namespace: shop}
                spec:
                  hosts: [ratings]
                  http:
                  - route:
                    - destination: {host: reviews, subset: v1}
                      wieght: 90
                """;
        Finding finding = single(withMesh(text), FindingCode.IST0106);
        assertThat(finding.message()).contains("unknown field 'wieght' in spec.http[0].route[0]")
                .contains("did you mean 'weight'?");
        int firstLineOfProbe = MeshFixture.validMesh().split("\n", -1).length + 2; // the mesh, an empty line, then "---"
        assertThat(finding.line()).isEqualTo(firstLineOfProbe + 8);
    }

    @Test
    public void misplacedTopLevelField() {
        String text = """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: probe, namespace: shop}
                host: reviews
                spec:
                  host: reviews
                """;
        assertThat(single(withMesh(text), FindingCode.IST0106).message()).contains("unknown field 'host' at the top level");
    }

    @Test
    public void freeFormFieldsAreNotChecked() {
        String text = """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: probe, namespace: shop, labels: {anything: goes}}
                spec:
                  host: reviews
                  trafficPolicy:
                    connectionPool: {tcp: {maxConnections: 100}}
                    futureField: {x: 1}
                  subsets:
                  - name: v1
                    labels: {version: v1, team: shop}
                status: {conditions: []}
                """;
        assertThat(withMesh(text).findings()).isEmpty();
    }

    @Test
    public void gatewayServerTypo() {
        String text = """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: probe, namespace: shop}
                spec:
                  servers:
                  - port: {number: 80, name: http, protocol: HTTP}
                    host: ['*']
                """;
        assertThat(withMesh(text).findings()).extracting(Finding::message)
                .anyMatch(m -> m.contains("unknown field 'host'") && m.contains("did you mean 'hosts'?"));
    }
}
