package io.jenkins.plugins.mesh.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.engine.config.YamlConfigLoader;
import io.jenkins.plugins.mesh.engine.validate.Finding;
import io.jenkins.plugins.mesh.engine.validate.FindingCode;
import io.jenkins.plugins.mesh.engine.validate.Validator;
import java.util.List;
import org.junit.Test;

public class ValidationBenchmarkTest {

    @Test
    public void thePolicyOfP4HasTenRulesThatFindWhatTheGeneratedMeshBreaks() {
        var report = new Validator(List.of(ValidationBenchmark.policyRules())).validate(
                new YamlConfigLoader("default").read("mesh.yaml", GeneratedMesh.yaml(1_000)), List.of(), null);
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.code()).isEqualTo(FindingCode.MESH0007));
        // the header routes and the edge routes have no timeout; the gateways serve plain HTTP
        assertThat(report.findings()).extracting(Finding::rule).containsOnly("http-route-timeout",
                "gateway-plain-http");
        assertThat(report.findings().stream().filter(f -> f.rule().equals("http-route-timeout")).count())
                .isEqualTo(report.checked().stream().filter(o -> o.kind().equals("VirtualService")).count());
    }
}
