package io.jenkins.plugins.mesh.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mesh.engine.validate.Severity;
import java.nio.file.Path;
import org.junit.Test;

public class PolicyFileTest {

    private static PolicyFile read(String rules) throws PolicyException {
        return PolicyFile.read("ci/policy.yaml", "rules:\n" + rules);
    }

    @Test
    public void theShippedExamplesCompile() throws Exception {
        assertThat(PolicyFixture.examples().ruleNames()).containsExactly("http-route-timeout", "retries-at-most-3",
                "no-wildcard-hosts", "no-fault-injection-in-prod", "canary-weight-in-prod");
    }

    @Test
    public void aSyntaxErrorNamesTheFileTheRuleAndThePosition() {
        assertThatThrownBy(() -> read("- name: broken\n  kinds: [VirtualService]\n  expression: object.spec.hosts.size( > 1\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("ci/policy.yaml:2: rule broken expression is not valid CEL: ERROR: expression:1:");
    }

    @Test
    public void aTypeErrorIsReportedBeforeAnyObjectIsSeen() {
        assertThatThrownBy(() -> read("- name: typed\n  expression: 1 + 'a' == 2\n"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("rule typed expression is not valid CEL")
                .hasMessageContaining("no matching overload");
        assertThatThrownBy(() -> read("- name: unknown-var\n  expression: obj.spec == null\n"))
                .hasMessageContaining("undeclared reference to 'obj'");
    }

    @Test
    public void incompleteOrMisspelledRulesAreClearErrors() {
        assertThatThrownBy(() -> read("- kinds: [VirtualService]\n  expression: 'true'\n"))
                .hasMessage("ci/policy.yaml:2: a rule has no name; give it one, e.g. name: http-route-timeout");
        assertThatThrownBy(() -> read("- name: a\n  kinds: [VirtualServce]\n  expression: 'true'\n"))
                .hasMessageContaining("rule a: kind 'VirtualServce' is not one mesh validate reads");
        assertThatThrownBy(() -> read("- name: a\n  expresion: 'true'\n"))
                .hasMessageContaining("rule a has an unknown field 'expresion'");
        assertThatThrownBy(() -> read("- name: a\n  severity: fatal\n  expression: 'true'\n"))
                .hasMessageContaining("severity 'fatal' is unknown");
        assertThatThrownBy(() -> read("- name: a\n  kinds: [Service]\n"))
                .hasMessageContaining("rule a expression is empty");
        assertThatThrownBy(() -> read("- name: a\n  expression: 'true'\n- name: a\n  expression: 'false'\n"))
                .hasMessageContaining("rule a is defined twice");
        assertThatThrownBy(() -> PolicyFile.read("p.yaml", "rules: [\n")).hasMessageStartingWith("p.yaml:2: invalid YAML");
        assertThatThrownBy(() -> PolicyFile.read("p.yaml", "- a\n- b\n")).hasMessageContaining("is not a policy file");
        assertThatThrownBy(() -> PolicyFile.read("p.yaml", "rules: []\n")).hasMessageContaining("has no rules");
        assertThatThrownBy(() -> PolicyFile.load(Path.of("no-such-policy.yaml"))).hasMessageContaining(
                "no such policy file");
    }

    @Test
    public void rulesMayLiveUnderSpecLikeAKubernetesObject() throws Exception {
        PolicyFile file = PolicyFile.read("p.yaml", "kind: MeshPolicy\nspec:\n  rules:\n  - name: a\n"
                + "    severity: warning\n    expression: 'true'\n");
        assertThat(file.ruleNames()).containsExactly("a");
        assertThat(file.rules().get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(file.rules().get(0).kinds()).isEmpty();
    }
}
