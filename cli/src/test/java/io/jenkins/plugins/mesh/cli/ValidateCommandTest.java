package io.jenkins.plugins.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ValidateCommandTest {

    private static final String GOOD = """
            apiVersion: v1
            kind: Service
            metadata: {name: reviews, namespace: shop}
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews, namespace: shop}
            spec:
              hosts: [reviews]
              http:
              - route:
                - destination: {host: reviews}
            """;

    private static final String BAD = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews, namespace: shop}
            spec:
              hosts: [reviews]
              http:
              - route:
                - destination: {host: reviews, subset: v2}
                  weight: -1
            """;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path write(String name, String text) throws Exception {
        Path file = folder.getRoot().toPath().resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    public void validFilesExitZero() throws Exception {
        Path dir = write("config/good.yaml", GOOD).getParent();
        CliRun run = CliRun.of("validate", dir.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("2 resources checked: 0 errors, 0 warnings, 0 infos\n");
    }

    @Test
    public void errorsPrintLikeACompilerAndExitOne() throws Exception {
        Path file = write("bad.yaml", BAD);
        CliRun run = CliRun.of("validate", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains(file + ":8: error IST0101 VirtualService shop/reviews: Referenced host not found")
                .contains(file + ":8: error IST0101 VirtualService shop/reviews: Referenced host+subset")
                .contains(file + ":9: error IST0106 VirtualService shop/reviews: weight -1 < 0")
                .endsWith("1 resources checked: 3 errors, 0 warnings, 0 infos\n");
    }

    @Test
    public void jsonOutput() throws Exception {
        Path file = write("bad.yaml", BAD);
        CliRun run = CliRun.of("validate", "--format", "json", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("resources").asInt()).isEqualTo(1);
        assertThat(json.get("findings")).hasSize(3);
        JsonNode first = json.get("findings").get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("code", "severity", "kind", "namespace", "name",
                "file", "line", "message");
        assertThat(first.get("severity").asText()).isEqualTo("error");
        assertThat(first.get("line").asInt()).isEqualTo(8);
    }

    @Test
    public void defaultNamespaceAndCanaryTarget() throws Exception {
        Path file = write("good.yaml", GOOD.replace(", namespace: shop", ""));
        CliRun run = CliRun.of("validate", "-n", "shop", "--target", "VirtualService/shop/reviews", "--stable", "v1",
                "--canary", "v2", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("error MESH0001 VirtualService shop/reviews: VirtualService shop/reviews route "
                + "#0 has neither the stable (v1) nor the canary (v2) destination");
        CliRun badTarget = CliRun.of("validate", "--target", "reviews", "--stable", "a", "--canary", "b",
                file.toString());
        assertThat(badTarget.exitCode()).isEqualTo(2);
        assertThat(badTarget.err()).contains("must be KIND/NAMESPACE/NAME");
    }

    @Test
    public void missingPathIsExitTwo() {
        CliRun run = CliRun.of("validate", "/no/such/config");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no such file or folder: /no/such/config");
        assertThat(CliRun.of("validate").exitCode()).isEqualTo(2);
    }

    @Test
    public void unusableKubeconfigIsExitTwoAndNeverQuoted() throws Exception {
        Path file = write("good.yaml", GOOD);
        CliRun missing = CliRun.of("validate", "--cluster", "--kubeconfig", "/no/kubeconfig", file.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read kubeconfig /no/kubeconfig");
        Path broken = write("kubeconfig", "users:\n- name: x\n  user: {token: s3cr3t-token\n");
        CliRun invalid = CliRun.of("validate", "--cluster", "--kubeconfig", broken.toString(), file.toString());
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains("cannot be used").doesNotContain("s3cr3t");
        assertThat(invalid.out()).doesNotContain("s3cr3t");
    }

    @Test
    public void clusterModeReadsLiveObjectsThroughTheKubeconfigAndWritesNothing() throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            client.services().inNamespace("shop").resource(new ServiceBuilder().withNewMetadata().withName("reviews")
                    .withNamespace("shop").endMetadata().build()).create();
            while (server.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
                // only the requests of the validation below count
            }
            String url = client.getConfiguration().getMasterUrl();
            Path kubeconfig = MockKubeconfig.write(folder.getRoot().toPath().resolve("kubeconfig"), url);
            Path file = write("vs.yaml", GOOD.substring(GOOD.indexOf("---") + 4));
            assertThat(CliRun.of("validate", file.toString()).exitCode()).as("without the cluster").isEqualTo(1);
            CliRun run = CliRun.of("validate", "--cluster", "--kubeconfig", kubeconfig.toString(), "--context", "mock",
                    file.toString());
            assertThat(run.err()).isEmpty();
            assertThat(run.out()).isEqualTo("1 resources checked: 0 errors, 0 warnings, 0 infos\n");
            assertThat(run.exitCode()).isZero();
            RecordedRequest request;
            int requests = 0;
            while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
                assertThat(request.getMethod()).isEqualTo("GET");
                requests++;
            }
            assertThat(requests).isPositive();
        } finally {
            server.destroy();
        }
    }
}
