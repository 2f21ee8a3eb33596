package io.jenkins.plugins.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.yaml.snakeyaml.Yaml;

/** {@code mesh traffic}, {@code mesh rollback} and {@code mesh status} against a real HTTP API server. */
public class TrafficCommandsTest {

    private static final String TOKEN = "cli-s3cr3t-token";
    private static final String VIRTUAL_SERVICE = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews, namespace: shop}
            spec:
              hosts: [reviews]
              http:
              - name: main
                timeout: 5s
                route:
                - destination: {host: reviews, subset: v1}
                  weight: 100
                - destination: {host: reviews, subset: v2}
                  weight: 0
            """;
    private static final ResourceDefinitionContext VS = new ResourceDefinitionContext.Builder()
            .withGroup("networking.istio.io").withVersion("v1").withKind("VirtualService")
            .withPlural("virtualservices").withNamespaced(true).build();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private KubernetesMockServer server;
    private KubernetesClient client;
    private List<String> connection;

    @Before
    public void startCluster() throws Exception {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        server.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup("networking.istio.io")
                .withVersion("v1").withKind("VirtualService").withPlural("virtualservices").withScope("Namespaced")
                .build());
        client = server.createClient();
        Map<String, Object> object = new Yaml().load(VIRTUAL_SERVICE);
        client.genericKubernetesResources(VS).inNamespace("shop").resource(client.getKubernetesSerialization()
                .convertValue(object, GenericKubernetesResource.class)).create();
        Path token = folder.newFile("token").toPath();
        Files.writeString(token, TOKEN + "\n");
        connection = List.of("--server", server.url("/"), "--token-file", token.toString());
    }

    @After
    public void stopCluster() {
        client.close();
        server.destroy();
    }

    @Test
    public void dryRunShowsTheDiffAndWritesNothing() {
        CliRun run = mesh("traffic", "-n", "shop", "--virtual-service", "reviews", "--stable", "v1", "--canary", "v2",
                "--weight", "20", "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("-   weight: 100", "+   weight: 80", "+   weight: 20", "nothing written");
        assertThat(weights()).containsExactly(100, 0);
        assertThat(mesh("status", "-n", "shop").out()).contains("no routes under Mesh Pipeline control");
    }

    @Test
    public void trafficThenStatusThenRollback() {
        CliRun set = mesh("traffic", "-n", "shop", "--virtual-service", "reviews", "--stable", "v1", "--canary", "v2",
                "--weight", "20", "--holder", "https://ci.example/job/shop/7/");
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).contains("reviews:v1=100, reviews:v2=0 -> reviews:v1=80, reviews:v2=20",
                "mesh rollback --namespace shop --virtual-service reviews --route main");
        assertThat(weights()).containsExactly(80, 20);

        CliRun status = mesh("status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("VirtualService shop/reviews, route main",
                "holder:  https://ci.example/job/shop/7/", "weights: reviews:v1=80, reviews:v2=20");

        CliRun other = mesh("traffic", "-n", "shop", "--virtual-service", "reviews", "--stable", "v1", "--canary",
                "v2", "--weight", "50", "--holder", "bob@desk");
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).contains("locked by https://ci.example/job/shop/7/");

        CliRun rollback = mesh("rollback", "-n", "shop", "--virtual-service", "reviews", "--holder", "bob@desk");
        assertThat(rollback.exitCode()).as(rollback.err()).isZero();
        assertThat(rollback.out()).contains("restored VirtualService shop/reviews, route main", "released");
        assertThat(weights()).containsExactly(100, 0);
        assertThat(mesh("rollback", "-n", "shop", "--virtual-service", "reviews").out())
                .contains("nothing to restore");
        assertThat(set.out() + set.err() + status.out() + rollback.out()).doesNotContain(TOKEN);
    }

    @Test
    public void aConflictingEditLeavesARestorePendingThatStatusReports() {
        assertThat(mesh("traffic", "-n", "shop", "--virtual-service", "reviews", "--stable", "v1", "--canary", "v2",
                "--weight", "30").exitCode()).isZero();
        GenericKubernetesResource vs = client.genericKubernetesResources(VS).inNamespace("shop").withName("reviews")
                .get();
        List<Map<String, Object>> route = routeEntries(vs.getAdditionalProperties());
        route.get(1).put("weight", 60);
        route.get(0).put("weight", 40);
        client.genericKubernetesResources(VS).inNamespace("shop").resource(vs).update();

        CliRun rollback = mesh("rollback", "-n", "shop", "--virtual-service", "reviews");
        assertThat(rollback.exitCode()).isEqualTo(3);
        assertThat(rollback.err()).contains("someone else changed the weights", "-   weight: 70", "+   weight: 40");
        assertThat(weights()).containsExactly(40, 60);

        CliRun status = mesh("status", "-n", "shop");
        assertThat(status.exitCode()).isEqualTo(3);
        assertThat(status.out()).contains("RESTORE PENDING");
    }

    @Test
    public void aMissingRouteIsAValidationErrorNamingWhatExists() {
        CliRun run = mesh("traffic", "-n", "shop", "--virtual-service", "reviews", "--route", "beta", "--stable",
                "v1", "--canary", "v2", "--weight", "20");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("has no HTTP route named 'beta'; found main -> [reviews:v1, reviews:v2]")
                .doesNotContain("Exception");
    }

    @Test
    public void connectionOptionsThatContradictAreUsageErrors() {
        CliRun run = CliRun.of("status", "--server", server.url("/"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--server needs --token-file");
        CliRun both = CliRun.of("traffic", "-n", "shop", "--virtual-service", "a", "--http-route", "b", "--stable",
                "v1", "--canary", "v2", "--weight", "1");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }

    @Test
    public void helpDocumentsTheExitCodes() {
        for (String command : List.of("traffic", "rollback", "status")) {
            CliRun run = CliRun.of(command, "--help");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("Exit codes:", "3  a restore is pending", "--kubeconfig", "--context",
                    "--token-file", "--ca-file", "--insecure-skip-tls-verify");
        }
    }

    private CliRun mesh(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(connection);
        return CliRun.of(all.toArray(String[]::new));
    }

    private List<Object> weights() {
        GenericKubernetesResource vs = client.genericKubernetesResources(VS).inNamespace("shop").withName("reviews")
                .get();
        return routeEntries(vs.getAdditionalProperties()).stream().map(e -> e.get("weight")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> routeEntries(Map<String, Object> object) {
        Map<String, Object> spec = (Map<String, Object>) object.get("spec");
        Map<String, Object> main = ((List<Map<String, Object>>) spec.get("http")).get(0);
        return (List<Map<String, Object>>) main.get("route");
    }
}
