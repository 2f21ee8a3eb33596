package io.jenkins.plugins.mesh.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.engine.config.LoadedConfig;
import io.jenkins.plugins.mesh.engine.config.YamlConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Validates YAML written in a test, alone or on top of the valid shop mesh. */
final class MeshFixture {

    private MeshFixture() {
    }

    /** The text of the valid shop mesh (src/test/resources/mesh/valid-mesh.yaml). */
    static String validMesh() {
        try (InputStream in = MeshFixture.class.getResourceAsStream("/mesh/valid-mesh.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An object {@code shop/probe} of {@code kind} with {@code spec} (YAML, indented by this method). */
    static String probe(String apiVersion, String kind, String spec) {
        return "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata:\n  name: probe\n  namespace: shop\n"
                + "spec:\n" + spec.indent(2);
    }

    /** Validates {@code yaml} alone. */
    static ValidationReport validate(String yaml) {
        return validate(yaml, null);
    }

    /** Validates {@code yaml} alone with a canary target. */
    static ValidationReport validate(String yaml, CanaryTarget canary) {
        LoadedConfig config = new YamlConfigLoader("default").read("test.yaml", yaml);
        return Validator.standard().validate(config, List.of(), canary);
    }

    /** Validates the valid mesh followed by {@code yaml}. */
    static ValidationReport withMesh(String yaml) {
        return validate(validMesh() + "\n---\n" + yaml);
    }

    /** The findings of {@code code}. */
    static List<Finding> findings(ValidationReport report, FindingCode code) {
        return report.findings().stream().filter(f -> f.code() == code).toList();
    }

    /** Asserts exactly one finding of {@code code} and returns it. */
    static Finding single(ValidationReport report, FindingCode code) {
        List<Finding> found = findings(report, code);
        assertThat(found).as("findings %s in %s", code, report.findings()).hasSize(1);
        return found.get(0);
    }
}
