package io.jenkins.plugins.mesh.engine.policy;

import io.jenkins.plugins.mesh.engine.config.LoadedConfig;
import io.jenkins.plugins.mesh.engine.config.YamlConfigLoader;
import io.jenkins.plugins.mesh.engine.validate.Finding;
import io.jenkins.plugins.mesh.engine.validate.FindingCode;
import io.jenkins.plugins.mesh.engine.validate.Validator;
import java.nio.file.Path;
import java.util.List;

/** Validates YAML written in a test with the shipped example policies, or with rules written in the test. */
final class PolicyFixture {

    /** The example policy file shipped in examples/policy. */
    static final Path EXAMPLES = Path.of("../examples/policy/mesh-policy.yaml");

    private PolicyFixture() {
    }

    static PolicyFile examples() throws Exception {
        return PolicyFile.load(EXAMPLES);
    }

    /** The policy findings (MESH0007-0009) of {@code yaml} validated with {@code policy}. */
    static List<Finding> findings(PolicyFile policy, String yaml) {
        LoadedConfig config = new YamlConfigLoader("default").read("test.yaml", yaml);
        return Validator.standard().with(List.of(policy.toRule(), new AdmissionPolicies())).validate(config,
                List.of(), null).findings().stream().filter(PolicyFixture::isPolicyFinding).toList();
    }

    /** The admission policy findings of {@code yaml}. */
    static List<Finding> admission(String yaml) {
        LoadedConfig config = new YamlConfigLoader("default").read("test.yaml", yaml);
        return Validator.standard().with(List.of(new AdmissionPolicies())).validate(config, List.of(), null)
                .findings().stream().filter(PolicyFixture::isPolicyFinding).toList();
    }

    private static boolean isPolicyFinding(Finding f) {
        return f.code() == FindingCode.MESH0007 || f.code() == FindingCode.MESH0008 || f.code() == FindingCode.MESH0009;
    }

    /** A VirtualService {@code ns/name} with {@code http} routes (YAML, indented by this method). */
    static String virtualService(String namespace, String name, String http) {
        return "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: " + name
                + "\n  namespace: " + namespace + "\nspec:\n  hosts: [" + name + "]\n  http:\n" + http.indent(2)
                + "---\n";
    }

    static String namespace(String name, String labels) {
        return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n  labels: " + labels + "\n---\n";
    }
}
