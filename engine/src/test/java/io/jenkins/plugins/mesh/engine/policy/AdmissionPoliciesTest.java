package io.jenkins.plugins.mesh.engine.policy;

import static io.jenkins.plugins.mesh.engine.policy.PolicyFixture.admission;
import static io.jenkins.plugins.mesh.engine.policy.PolicyFixture.namespace;
import static io.jenkins.plugins.mesh.engine.policy.PolicyFixture.virtualService;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.engine.validate.Finding;
import io.jenkins.plugins.mesh.engine.validate.FindingCode;
import io.jenkins.plugins.mesh.engine.validate.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Test;

public class AdmissionPoliciesTest {

    private static final String UNTIMED = "- route:\n  - destination: {host: web}\n";
    private static final String TIMED = "- timeout: 1s\n  route:\n  - destination: {host: web}\n";

    private static String example() throws Exception {
        return Files.readString(Path.of("../examples/policy/admission-policy.yaml")) + "\n---\n";
    }

    @Test
    public void theShippedPolicyDeniesAnUntimedRouteInProdOnly() throws Exception {
        String prod = namespace("prod", "{env: prod}") + namespace("dev", "{env: dev}");
        List<Finding> found = admission(example() + prod + virtualService("prod", "web", UNTIMED)
                + virtualService("dev", "web", UNTIMED) + virtualService("prod", "api", TIMED));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.MESH0008);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.namespace()).isEqualTo("prod");
            assertThat(f.name()).isEqualTo("web");
            assertThat(f.rule()).isEqualTo("virtualservice-timeouts");
            assertThat(f.message()).isEqualTo("ValidatingAdmissionPolicy virtualservice-timeouts denies it: "
                    + "VirtualService web has an HTTP route without a timeout");
        });
    }

    @Test
    public void anUnboundPolicyDoesNothing() throws Exception {
        String policyOnly = example().substring(0, example().indexOf("---"));
        assertThat(admission(policyOnly + "\n---\n" + virtualService("prod", "web", UNTIMED))).isEmpty();
    }

    private static String policy(String spec) {
        return "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: p}\n"
                + "spec:\n  matchConstraints:\n    resourceRules:\n    - {apiGroups: ['*'], apiVersions: ['*'], "
                + "operations: ['*'], resources: [virtualservices]}\n" + spec.indent(2) + "---\n";
    }

    private static String binding(String spec) {
        return "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\n"
                + "metadata: {name: b}\nspec:\n  policyName: p\n" + spec.indent(2) + "---\n";
    }

    @Test
    public void paramsComeFromAConfigMapAndWarnBindingsWarn() {
        String yaml = policy("""
                paramKind: {apiVersion: v1, kind: ConfigMap}
                validations:
                - expression: "object.spec.hosts.size() <= int(params.data.maxHosts)"
                  message: too many hosts
                """) + binding("""
                paramRef: {name: limits, namespace: mesh-policy}
                validationActions: [Warn]
                """) + """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: limits, namespace: mesh-policy}
                data: {maxHosts: "1"}
                ---
                """ + virtualService("shop", "web", TIMED).replace("hosts: [web]", "hosts: [web, www]");
        assertThat(admission(yaml)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).endsWith("denies it: too many hosts");
        });
    }

    @Test
    public void missingParamsAndBrokenExpressionsAreReportedOnThePolicy() {
        String missing = policy("paramKind: {apiVersion: v1, kind: ConfigMap}\nvalidations:\n- expression: 'true'\n")
                + binding("paramRef: {name: nowhere}\n") + virtualService("shop", "web", TIMED);
        assertThat(admission(missing)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.MESH0009);
            assertThat(f.message()).contains("the params ConfigMap nowhere of policy p are not among the files");
        });
        String broken = policy("validations:\n- expression: 'object.spec.hosts.size( > 1'\n") + binding("validationActions: [Deny]")
                + virtualService("shop", "web", TIMED);
        assertThat(admission(broken)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.MESH0009);
            assertThat(f.kind()).isEqualTo("ValidatingAdmissionPolicy");
            assertThat(f.message()).startsWith("ValidatingAdmissionPolicy p validation 0 is not valid CEL");
        });
    }

    @Test
    public void matchConditionsVariablesSelectorsAndFailurePolicy() {
        String yaml = policy("""
                failurePolicy: Fail
                matchConditions:
                - {name: labelled, expression: "has(object.metadata.labels) && 'team' in object.metadata.labels"}
                variables:
                - {name: team, expression: "object.metadata.labels.team"}
                validations:
                - expression: "variables.team == 'web'"
                  messageExpression: "'team ' + variables.team + ' may not route here'"
                - expression: "object.spec.tcp.size() == 0"
                """) + binding("matchResources:\n  objectSelector:\n    matchExpressions:\n"
                + "    - {key: team, operator: Exists}\n")
                + virtualService("shop", "web", TIMED).replace("  namespace: shop\n", "  namespace: shop\n  labels: {team: ops}\n")
                + virtualService("shop", "plain", TIMED);
        assertThat(admission(yaml)).extracting(Finding::message).containsExactly(
                "ValidatingAdmissionPolicy p denies it: team ops may not route here",
                "ValidatingAdmissionPolicy p validation 1 cannot be evaluated: evaluation error at expression:11: key "
                        + "'tcp' is not present in map.; with failurePolicy Fail the API server denies the object");
        assertThat(admission(yaml.replace("failurePolicy: Fail", "failurePolicy: Ignore"))).hasSize(1);
    }
}
