package io.jenkins.plugins.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code mesh validate --policy}, admission policies among the files, and the SARIF and JUnit formats. */
public class ValidatePolicyCommandTest {

    private static final Path EXAMPLES = Path.of("../examples/policy/mesh-policy.yaml");
    private static final Path ADMISSION = Path.of("../examples/policy/admission-policy.yaml");

    private static final String CONFIG = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: web, namespace: shop}
            spec:
              hosts: [web]
              http:
              - fault: {abort: {httpStatus: 503, percentage: {value: 10}}}
                retries: {attempts: 5}
                route:
                - destination: {host: web}
            """;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path write(String name, String text) throws Exception {
        Path file = folder.getRoot().toPath().resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private Path config(String namespaceLabels) throws Exception {
        return write("config.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: "
                + namespaceLabels + "\n---\n" + CONFIG);
    }

    @Test
    public void policyViolationsPrintTheRuleAndFail() throws Exception {
        Path config = config("{env: prod}");
        CliRun run = CliRun.of("validate", "--policy", EXAMPLES.toString(), config.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains(config + ":13: error MESH0007 VirtualService shop/web: [http-route-timeout] "
                + "every HTTP route needs a timeout")
                .contains("[retries-at-most-3] retries.attempts is 5; at most 3 retries")
                .contains("[no-fault-injection-in-prod] fault injection is for test namespaces")
                .endsWith("3 resources checked: 3 errors, 0 warnings, 0 infos\n");
        CliRun test = CliRun.of("validate", "--policy", EXAMPLES.toString(), config("{env: test}").toString());
        assertThat(test.out()).doesNotContain("no-fault-injection-in-prod").contains("http-route-timeout");
    }

    @Test
    public void aBrokenPolicyIsExitTwoNamingTheRule() throws Exception {
        Path policy = write("policy.yaml", "rules:\n- name: hosts-limit\n  kinds: [VirtualService]\n"
                + "  expression: object.spec.hosts.size() <<= 3\n");
        CliRun run = CliRun.of("validate", "--policy", policy.toString(), config("{}").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("mesh validate: " + policy + ":2: rule hosts-limit expression is not valid CEL: "
                + "ERROR: expression:1:");
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).doesNotContain("\tat ");
        CliRun missing = CliRun.of("validate", "--policy", "/no/policy.yaml", config("{}").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such policy file: /no/policy.yaml");
    }

    @Test
    public void admissionPoliciesAmongTheFilesAreEnforcedOffline() throws Exception {
        Path config = config("{env: prod}");
        CliRun run = CliRun.of("validate", ADMISSION.toString(), config.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("error MESH0008 VirtualService shop/web: [virtualservice-timeouts] "
                + "ValidatingAdmissionPolicy virtualservice-timeouts denies it: VirtualService web has an HTTP route "
                + "without a timeout");
    }

    @Test
    public void sarifHasRulesResultsLevelsAndLocations() throws Exception {
        Path config = config("{env: prod}");
        CliRun run = CliRun.of("validate", "--format", "sarif", "--policy", EXAMPLES.toString(), config.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode sarif = new ObjectMapper().readTree(run.out());
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.path("$schema").asText()).contains("sarif-2.1.0");
        JsonNode run0 = sarif.path("runs").get(0);
        assertThat(run0.path("tool").path("driver").path("name").asText()).isEqualTo("mesh validate");
        JsonNode rules = run0.path("tool").path("driver").path("rules");
        JsonNode results = run0.path("results");
        assertThat(results).hasSize(3);
        for (JsonNode result : results) {
            int index = result.path("ruleIndex").asInt();
            assertThat(rules.get(index).path("id").asText()).isEqualTo(result.path("ruleId").asText());
            assertThat(result.path("level").asText()).isEqualTo("error");
            assertThat(result.path("message").path("text").asText()).isNotBlank();
            JsonNode physical = result.path("locations").get(0).path("physicalLocation");
            assertThat(physical.path("artifactLocation").path("uri").asText()).isEqualTo(config.toString());
            assertThat(physical.path("region").path("startLine").asInt()).isEqualTo(13);
        }
        assertThat(results.findValuesAsText("ruleId")).containsExactlyInAnyOrder("http-route-timeout",
                "retries-at-most-3", "no-fault-injection-in-prod");
    }

    @Test
    public void junitHasOneTestCasePerObjectFailedByItsErrors() throws Exception {
        Path config = config("{env: prod}");
        CliRun run = CliRun.of("validate", "--format", "junit", "--policy", EXAMPLES.toString(), config.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
                run.out().getBytes(StandardCharsets.UTF_8)));
        Element suites = xml.getDocumentElement();
        assertThat(suites.getTagName()).isEqualTo("testsuites");
        assertThat(suites.getAttribute("tests")).isEqualTo("3");
        assertThat(suites.getAttribute("failures")).isEqualTo("1");
        NodeList cases = xml.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(3);
        Element vs = (Element) cases.item(2);
        assertThat(vs.getAttribute("name")).isEqualTo("VirtualService shop/web");
        assertThat(vs.getAttribute("classname")).isEqualTo(config.toString());
        Element failure = (Element) vs.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).startsWith("3 errors: ");
        assertThat(failure.getTextContent()).contains("[retries-at-most-3]");
        assertThat(((Element) cases.item(0)).getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    public void clusterModeReadsTheNamespaceLabelsPoliciesUse() throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop")
                    .addToLabels("env", "prod").endMetadata().build()).create();
            Path kubeconfig = MockKubeconfig.write(folder.getRoot().toPath().resolve("kubeconfig"), client.getConfiguration().getMasterUrl());
            Path config = write("config.yaml", CONFIG);
            CliRun offline = CliRun.of("validate", "--policy", EXAMPLES.toString(), config.toString());
            assertThat(offline.out()).contains("warning MESH0007 VirtualService shop/web: [no-fault-injection-in-prod] "
                    + "reads the labels of namespace shop, which is not among the files");
            CliRun run = CliRun.of("validate", "--cluster", "--kubeconfig", kubeconfig.toString(), "--policy",
                    EXAMPLES.toString(), config.toString());
            assertThat(run.err()).isEmpty();
            assertThat(run.out()).contains("error MESH0007 VirtualService shop/web: [no-fault-injection-in-prod]")
                    .doesNotContain("not among the files");
        } finally {
            server.destroy();
        }
    }
}
