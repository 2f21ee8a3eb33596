package io.jenkins.plugins.mesh.engine.policy;

import static io.jenkins.plugins.mesh.engine.policy.PolicyFixture.findings;
import static io.jenkins.plugins.mesh.engine.policy.PolicyFixture.namespace;
import static io.jenkins.plugins.mesh.engine.policy.PolicyFixture.virtualService;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.engine.validate.Finding;
import io.jenkins.plugins.mesh.engine.validate.FindingCode;
import io.jenkins.plugins.mesh.engine.validate.Severity;
import java.util.List;
import org.junit.Test;

/** The shipped example rules, each on an object that keeps it and one that breaks it. */
public class PolicyRulesTest {

    private static final String TIMED = "- timeout: 2s\n  route:\n  - destination: {host: web}\n";

    /** The namespace of most objects here, without the label the prod rules look for. */
    private static final String SHOP = namespace("shop", "{team: web}");

    private static List<String> rules(String yaml) throws Exception {
        return findings(PolicyFixture.examples(), yaml).stream().map(Finding::rule).toList();
    }

    @Test
    public void everyHttpRouteNeedsATimeout() throws Exception {
        assertThat(rules(SHOP + virtualService("shop", "web", TIMED))).isEmpty();
        List<Finding> found = findings(PolicyFixture.examples(), SHOP + virtualService("shop", "web",
                TIMED + "- route:\n  - destination: {host: web}\n"));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("http-route-timeout");
            assertThat(f.code()).isEqualTo(FindingCode.MESH0007);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.file()).isEqualTo("test.yaml");
            assertThat(f.line()).isEqualTo(10);
            assertThat(f.toText()).isEqualTo("test.yaml:10: error MESH0007 VirtualService shop/web: "
                    + "[http-route-timeout] every HTTP route needs a timeout, so a slow backend cannot hold requests "
                    + "for the client's whole timeout");
        });
    }

    @Test
    public void retriesAtMostThree() throws Exception {
        assertThat(rules(SHOP + virtualService("shop", "web", TIMED.replace("  route:", "  retries: {attempts: 3}\n  route:"))))
                .isEmpty();
        List<Finding> found = findings(PolicyFixture.examples(), SHOP + virtualService("shop", "web",
                TIMED.replace("  route:", "  retries: {attempts: 5, perTryTimeout: 1s}\n  route:")));
        assertThat(found).extracting(Finding::message).containsExactly(
                "retries.attempts is 5; at most 3 retries, or retries multiply an outage");
    }

    @Test
    public void noWildcardHosts() throws Exception {
        String gateway = """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge, namespace: shop}
                spec:
                  selector: {istio: ingressgateway}
                  servers:
                  - port: {number: 80, name: http, protocol: HTTP}
                    hosts: ["shop/*"]
                """;
        assertThat(rules(gateway)).containsExactly("no-wildcard-hosts");
        assertThat(rules(SHOP + virtualService("shop", "web", TIMED).replace("hosts: [web]", "hosts: ['*']")))
                .containsExactly("no-wildcard-hosts");
        assertThat(rules(gateway.replace("shop/*", "shop.example.com"))).isEmpty();
    }

    @Test
    public void noFaultInjectionInNamespacesLabelledProd() throws Exception {
        String faulty = "- timeout: 2s\n  fault: {abort: {httpStatus: 503, percentage: {value: 5}}}\n"
                + "  route:\n  - destination: {host: web}\n";
        assertThat(rules(namespace("prod-shop", "{env: prod}") + virtualService("prod-shop", "web", faulty)))
                .containsExactly("no-fault-injection-in-prod");
        assertThat(rules(namespace("test-shop", "{env: test}") + virtualService("test-shop", "web", faulty))).isEmpty();
    }

    @Test
    public void aRuleOnNamespaceLabelsSaysWhenTheNamespaceIsUnknown() throws Exception {
        List<Finding> found = findings(PolicyFixture.examples(), virtualService("shop", "web", TIMED));
        assertThat(found).extracting(Finding::rule).containsExactlyInAnyOrder("no-fault-injection-in-prod",
                "canary-weight-in-prod");
        assertThat(found).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).startsWith("reads the labels of namespace shop, which is not among the files");
        });
    }

    @Test
    public void canaryWeightInProdUnlessTheAnnotationAllowsMore() throws Exception {
        String split = "- timeout: 2s\n  route:\n  - destination: {host: web, subset: stable}\n    weight: 70\n"
                + "  - destination: {host: web, subset: canary}\n    weight: 30\n";
        String prod = namespace("prod-shop", "{env: prod}");
        assertThat(rules(prod + virtualService("prod-shop", "web", split))).containsExactly("canary-weight-in-prod");
        assertThat(rules(prod + virtualService("prod-shop", "web", split.replace("70", "80").replace("30", "20"))))
                .isEmpty();
        String allowed = virtualService("prod-shop", "web", split).replace("  namespace: prod-shop\n",
                "  namespace: prod-shop\n  annotations: {mesh-pipeline.io/max-canary-weight: \"50\"}\n");
        assertThat(rules(prod + allowed)).isEmpty();
        assertThat(rules(namespace("dev", "{env: dev}") + virtualService("dev", "web", split))).isEmpty();
    }

    @Test
    public void aRuleThatFailsOnAnObjectIsAFindingNotACrash() throws Exception {
        PolicyFile file = PolicyFile.read("p.yaml", """
                rules:
                - name: reads-a-missing-field
                  kinds: [VirtualService]
                  expression: object.spec.tcp.size() == 0
                - name: not-a-condition
                  kinds: [VirtualService]
                  expression: object.metadata.name
                """);
        assertThat(findings(file, virtualService("shop", "web", TIMED))).extracting(Finding::message)
                .containsExactlyInAnyOrder(
                        "the rule cannot be evaluated on this object: evaluation error at expression:11: key 'tcp' is not "
                                + "present in map.; guard optional fields with has()",
                        "the expression gave web, not true or false; make it a condition")
                .satisfies(m -> assertThat(m).isNotEmpty());
    }
}
