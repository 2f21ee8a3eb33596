package io.jenkins.plugins.mesh.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.engine.config.LoadedConfig;
import io.jenkins.plugins.mesh.engine.config.YamlConfigLoader;
import io.jenkins.plugins.mesh.engine.validate.Finding;
import io.jenkins.plugins.mesh.engine.validate.ValidationReport;
import io.jenkins.plugins.mesh.engine.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/**
 * Policies under hostile input, like ValidatorFuzzTest for the built-in checks: mutated policy files either load or
 * fail with a {@link PolicyException} (never another exception), and mutated manifests (with admission policies
 * among them, mutated too) validated with the example rules always end in a report with well-formed findings.
 */
public class PolicyFuzzTest {

    /** Runs per test; more with -Dmesh.fuzz.policyRuns=N. */
    private static final int RUNS = Integer.getInteger("mesh.fuzz.policyRuns", 600);
    private static final String PUNCTUATION = ":-[{&*!|>'\"\t%@`()";
    private static final String[] ODD = {"", " ", "*", "null", "~", "\u0000", "\u202Eevil", "日本語", "9".repeat(40),
            "-1", "1e308", "{}", "[]", "[[[[]]]]", "'", "\"", "a".repeat(3000), "object.spec", "has(", ").all(x,",
            "size() > 1 ||", "matches('(')", "int('x')", "params.data.x", "namespaceObject.metadata.labels['x']",
            "[1,2,3].map(x, [x, x]).map(y, y.map(z, [z, z]))", "lists.range(100000000).size() > 0"};

    @Test
    public void mutatedPolicyFilesLoadOrFailWithAPolicyException() throws Exception {
        String valid = Files.readString(PolicyFixture.EXAMPLES);
        Random random = new Random(20261202L);
        int loaded = 0;
        int refused = 0;
        int runs = RUNS / 2; // each run compiles five rules
        for (int run = 0; run < runs; run++) {
            String text = mutate(valid, random);
            try {
                PolicyFile.read("fuzz.yaml", text);
                loaded++;
            } catch (PolicyException e) {
                assertThat(e.getMessage()).as("run %d", run).startsWith("fuzz.yaml").doesNotContain("\tat ");
                refused++;
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("run " + run + " threw on:\n" + text, e);
            }
        }
        assertThat(loaded).isPositive();
        assertThat(refused).isGreaterThan(runs / 3);
    }

    @Test
    public void mutatedManifestsWithPoliciesAlwaysEndInAReport() throws Exception {
        PolicyFile examples = PolicyFixture.examples();
        String valid = PolicyFixture.namespace("shop", "{env: prod}") + Files.readString(
                Path.of("../examples/policy/admission-policy.yaml")) + "\n---\n" + PolicyFixture.virtualService("shop",
                        "web", "- timeout: 1s\n  retries: {attempts: 2}\n  fault: {delay: {fixedDelay: 1s}}\n  route:\n"
                                + "  - destination: {host: web, subset: canary}\n    weight: 30\n"
                                + "  - destination: {host: web, subset: stable}\n    weight: 70\n");
        Validator validator = Validator.standard().with(List.of(examples.toRule(), new AdmissionPolicies()));
        YamlConfigLoader loader = new YamlConfigLoader("default");
        Random random = new Random(7L);
        int withFindings = 0;
        for (int run = 0; run < RUNS; run++) {
            String text = mutate(valid, random);
            ValidationReport report;
            try {
                LoadedConfig config = loader.read("fuzz.yaml", text);
                report = validator.validate(config, List.of(), null);
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("run " + run + " threw on:\n" + text, e);
            }
            int lines = text.split("\n", -1).length;
            for (Finding finding : report.findings()) {
                assertThat(finding.message()).as("run %d", run).isNotBlank();
                assertThat(finding.line()).as("run %d: %s", run, finding).isBetween(0, lines);
            }
            withFindings += report.findings().isEmpty() ? 0 : 1;
        }
        assertThat(withFindings).isGreaterThan(RUNS / 2);
    }

    /** Changes a few places of {@code text}: deletions, odd values and punctuation, broken indentation. */
    private static String mutate(String text, Random random) {
        StringBuilder out = new StringBuilder(text);
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(5)) {
                case 0 -> out.deleteCharAt(at);
                case 1 -> out.insert(at, PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length())));
                case 2 -> out.insert(at, "\n  ");
                case 3 -> out.insert(at, ODD[random.nextInt(ODD.length)]);
                default -> out.delete(at, Math.min(out.length(), at + random.nextInt(40)));
            }
        }
        return out.toString();
    }

    @Test
    public void runawayExpressionsAreStoppedAndReported() throws Exception {
        PolicyFile file = PolicyFile.read("p.yaml", """
                rules:
                - name: runaway
                  kinds: [VirtualService]
                  expression: "object.spec.hosts.map(a, object.spec.hosts.map(b, [a, b])).map(l, l.map(m, m.map(n,
                    [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20].map(o, [1,2,3,4,5,6,7,8,9,10].map(p,
                    [1,2,3,4,5,6,7,8,9,10].map(q, [1,2,3,4,5,6,7,8,9,10].map(r, [1,2,3,4,5,6,7,8,9,10])))))))
                    .size() > 0"
                """);
        try {
            PolicyFile.read("p.yaml", "rules:\n- name: range\n  expression: lists.range(100000000).size() > 0\n");
            throw new AssertionError("lists.range is left out");
        } catch (PolicyException e) {
            assertThat(e.getMessage()).contains("rule range expression is not valid CEL");
        }
        List<Finding> found = PolicyFixture.findings(file, PolicyFixture.namespace("shop", "{}")
                + PolicyFixture.virtualService("shop", "web", "- route:\n  - destination: {host: web}\n")
                        .replace("hosts: [web]", "hosts: [a, b, c, d, e, f, g, h, i, j]"));
        assertThat(found).singleElement().satisfies(f -> assertThat(f.message()).startsWith(
                "the rule cannot be evaluated on this object"));
        assertThat(new ArrayList<>(found)).isNotEmpty();
    }
}
