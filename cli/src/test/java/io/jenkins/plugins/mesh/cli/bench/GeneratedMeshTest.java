package io.jenkins.plugins.mesh.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.engine.config.LoadedConfig;
import io.jenkins.plugins.mesh.engine.config.YamlConfigLoader;
import io.jenkins.plugins.mesh.engine.validate.Finding;
import io.jenkins.plugins.mesh.engine.validate.FindingCode;
import io.jenkins.plugins.mesh.engine.validate.ValidationReport;
import io.jenkins.plugins.mesh.engine.validate.Validator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.Test;

public class GeneratedMeshTest {

    @Test
    public void generatedMeshHasTheSizeAskedAndOnlyTheIntendedMistakes() {
        LoadedConfig config = new YamlConfigLoader("default").read("mesh.yaml", GeneratedMesh.yaml(1_000));
        assertThat(config.problems()).isEmpty();
        assertThat(config.resources().size()).isBetween(1_000, 1_006);
        ValidationReport report = Validator.standard().validate(config, List.of(), null);
        assertThat(report.findings()).isNotEmpty().allSatisfy(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.IST0101);
            assertThat(f.message()).contains("+canary-typo");
        });
        assertThat(report.findings()).extracting(Finding::name).doesNotHaveDuplicates();
    }

    @Test
    public void tablesPrintAligned() {
        StringWriter text = new StringWriter();
        new BenchTable("P4", "validation", List.of("resources", "total"), List.of(List.of("1000", "9 ms"),
                List.of("10000", "80 ms"))).print(new PrintWriter(text, true));
        assertThat(text.toString()).isEqualTo("""
                P4 validation
                  resources  total
                       1000   9 ms
                      10000  80 ms

                """);
    }
}
