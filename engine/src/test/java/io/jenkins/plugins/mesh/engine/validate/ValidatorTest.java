package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.findings;
import static io.jenkins.plugins.mesh.engine.validate.MeshFixture.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.engine.config.LoadedConfig;
import io.jenkins.plugins.mesh.engine.config.MeshKind;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.SourceLocation;
import io.jenkins.plugins.mesh.engine.config.YamlConfigLoader;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ValidatorTest {

    private static final String VS = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews, namespace: shop}
            spec:
              hosts: [reviews]
              http:
              - route:
                - destination: {host: reviews, subset: v2}
            """;

    private static MeshResource live(MeshKind kind, String namespace, String name, Map<String, Object> spec) {
        Map<String, Object> body = Map.of("apiVersion", "v1", "kind", kind.kind(),
                "metadata", Map.of("name", name, "namespace", namespace), "spec", spec);
        return new MeshResource(kind, "v1", namespace, name, body, new SourceLocation(SourceLocation.CLUSTER, 0));
    }

    private static LoadedConfig read(String yaml) {
        return new YamlConfigLoader("default").read("w.yaml", yaml);
    }

    @Test
    public void loadProblemsAreErrorFindings() {
        Finding finding = single(MeshFixture.validate("a: [\n"), FindingCode.MESH0003);
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.toText()).startsWith("test.yaml:2: error MESH0003: invalid YAML");
    }

    @Test
    public void duplicatesInTheWorkspaceAreReported() {
        Finding finding = single(MeshFixture.withMesh(VS), FindingCode.MESH0005);
        assertThat(finding.message()).contains("VirtualService shop/reviews is defined twice (first at test.yaml:");
    }

    @Test
    public void liveObjectsSatisfyReferences() {
        ValidationReport alone = Validator.standard().validate(read(VS), List.of(), null);
        assertThat(findings(alone, FindingCode.IST0101)).hasSize(2);
        List<MeshResource> cluster = List.of(live(MeshKind.SERVICE, "shop", "reviews", Map.of()),
                live(MeshKind.DESTINATION_RULE, "shop", "reviews", Map.of("host", "reviews",
                        "subsets", List.of(Map.of("name", "v1"), Map.of("name", "v2")))));
        assertThat(Validator.standard().validate(read(VS), cluster, null).findings()).isEmpty();
    }

    @Test
    public void workspaceObjectsWinOverLiveOnes() {
        String rule = "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: reviews, namespace: "
                + "shop}\nspec:\n  host: reviews\n  subsets: [{name: v1}]\n---\n" + VS;
        List<MeshResource> cluster = List.of(live(MeshKind.SERVICE, "shop", "reviews", Map.of()),
                live(MeshKind.DESTINATION_RULE, "shop", "reviews", Map.of("host", "reviews",
                        "subsets", List.of(Map.of("name", "v2")))));
        Finding finding = single(Validator.standard().validate(read(rule), cluster, null), FindingCode.IST0101);
        assertThat(finding.message()).contains("+v2").contains("[v1]");
    }

    @Test
    public void liveObjectsAreContextAndNeverReported() {
        List<MeshResource> cluster = List.of(live(MeshKind.DESTINATION_RULE, "shop", "broken", Map.of()));
        assertThat(Validator.standard().validate(read(""), cluster, null).findings()).isEmpty();
    }

    @Test
    public void resourcesCountSkippedKindsToo() {
        ValidationReport report = MeshFixture.validate(VS + "---\napiVersion: apps/v1\nkind: Deployment\n"
                + "metadata: {name: d}\n");
        assertThat(report.resources()).isEqualTo(2);
    }
}
