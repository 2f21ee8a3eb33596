package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.findings;
import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.single;
import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.withMesh;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.Test;

public class HttpRouteSchemaRuleTest {

    private static String route(String backends) {
        return "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: probe, namespace: shop}\n"
                + "spec:\n  rules:\n  - backendRefs:\n" + backends.indent(4);
    }

    @Test
    public void weightsAreWholeNumbersUpToAMillion() {
        assertThat(single(withMesh(route("- {name: frontend, weight: 2000000}")), FindingCode.MESH0004).message())
                .contains("weight 2000000 is out of range; use 0 to 1000000");
        assertThat(single(withMesh(route("- {name: frontend, weight: -1}")), FindingCode.MESH0004).message())
                .contains("out of range");
        assertThat(single(withMesh(route("- {name: frontend, weight: '50%'}")), FindingCode.MESH0004).message())
                .contains("must be a whole number");
        assertThat(withMesh(route("- {name: frontend, weight: 1000000}\n- {name: reviews, weight: 0}")).findings())
                .isEmpty();
    }

    @Test
    public void atMostSixteenBackends() {
        String many = IntStream.range(0, 17).mapToObj(i -> "- {name: frontend, port: 80}").collect(Collectors.joining("\n"));
        assertThat(single(withMesh(route(many)), FindingCode.MESH0004).message()).contains("17 backendRefs");
        String sixteen = IntStream.range(0, 16).mapToObj(i -> "- {name: frontend}").collect(Collectors.joining("\n"));
        assertThat(findings(withMesh(route(sixteen)), FindingCode.MESH0004)).isEmpty();
    }

    @Test
    public void allZeroWeightsAnswerEveryRequestWithAnError() {
        Finding finding = single(withMesh(route("- {name: frontend, weight: 0}\n- {name: reviews, weight: 0}")),
                FindingCode.MESH0006);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("HTTP 500");
        // an omitted weight is 1
        assertThat(findings(withMesh(route("- {name: frontend, weight: 0}\n- {name: reviews}")), FindingCode.MESH0006))
                .isEmpty();
    }

    @Test
    public void backendsNeedANameAndAValidPort() {
        assertThat(single(withMesh(route("- {port: 80}")), FindingCode.MESH0004).message()).contains("has no name");
        assertThat(single(withMesh(route("- {name: frontend, port: 0}")), FindingCode.MESH0004).message())
                .contains("from 1 to 65535");
    }
}
