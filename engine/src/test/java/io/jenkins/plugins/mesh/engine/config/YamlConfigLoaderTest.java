package io.jenkins.plugins.mesh.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class YamlConfigLoaderTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final YamlConfigLoader loader = new YamlConfigLoader("default");

    @Test
    public void multiDocumentWithCommentsKeepsLinesOfObjectsAndFields() {
        LoadedConfig config = loader.read("mesh.yaml", """
                # the reviews route
                apiVersion: networking.istio.io/v1beta1
                kind: VirtualService
                metadata:
                  name: reviews
                  namespace: shop
                spec:
                  hosts: [reviews]
                  http:
                  - route:
                    - destination:
                        host: reviews
                        subset: v1
                      weight: 90
                ---
                ---
                apiVersion: networking.istio.io/v1alpha3
                kind: DestinationRule
                metadata: {name: reviews}
                spec: {host: reviews}
                """);
        assertThat(config.problems()).isEmpty();
        assertThat(config.resources()).extracting(MeshResource::displayName)
                .containsExactly("VirtualService shop/reviews", "DestinationRule default/reviews");
        MeshResource vs = config.resources().get(0);
        assertThat(vs.location()).isEqualTo(new SourceLocation("mesh.yaml", 2));
        assertThat(vs.lineOf("spec.http[0].route[0].destination.subset")).isEqualTo(13);
        assertThat(vs.lineOf("spec.http[0].route[0].weight")).isEqualTo(14);
        assertThat(vs.lineOf("spec.http[0].route[0]")).isEqualTo(11);
        assertThat(vs.lineOf("spec.http[0].route[5].weight")).as("nearest known parent").isEqualTo(10);
        assertThat(vs.lineOf("spec.nothing.here")).isEqualTo(7);
        assertThat(config.resources().get(1).location().line()).isEqualTo(17);
    }

    @Test
    public void typesFollowYaml() {
        MeshResource r = loader.read("t.yaml", """
                apiVersion: v1
                kind: Service
                metadata: {name: s}
                spec: {a: 1, b: 1.5, c: true, d: null, e: "1", f: 99999999999999999999999}
                """).resources().get(0);
        assertThat(r.spec()).containsEntry("a", 1L).containsEntry("b", 1.5).containsEntry("c", true)
                .containsEntry("d", null).containsEntry("e", "1");
        assertThat(r.spec().get("f")).isInstanceOf(java.math.BigInteger.class);
    }

    @Test
    public void listKindsAreUnpacked() {
        LoadedConfig config = loader.read("list.yaml", """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: Service
                  metadata: {name: a, namespace: shop}
                - apiVersion: networking.istio.io/v1
                  kind: Gateway
                  metadata: {name: g, namespace: shop}
                - 42
                """);
        assertThat(config.resources()).extracting(MeshResource::name).containsExactly("a", "g");
        assertThat(config.resources().get(1).location().line()).isEqualTo(7);
        assertThat(config.problems()).singleElement().satisfies(p -> assertThat(p.location().line()).isEqualTo(10));
    }

    @Test
    public void otherKindsAreCountedAndSkipped() {
        LoadedConfig config = loader.read("x.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                ---
                apiVersion: networking.istio.io/v2
                kind: VirtualService
                metadata: {name: future}
                ---
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: p}
                """);
        assertThat(config.resources()).isEmpty();
        assertThat(config.skipped()).isEqualTo(3);
    }

    @Test
    public void brokenYamlIsAProblemWithItsLine() {
        LoadedConfig config = loader.read("bad.yaml", """
                apiVersion: v1
                kind: Service
                metadata: {name: ok}
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: broken
                    namespace: shop
                """);
        assertThat(config.resources()).extracting(MeshResource::name).containsExactly("ok");
        assertThat(config.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(new SourceLocation("bad.yaml", 9));
            assertThat(p.message()).startsWith("invalid YAML: ").contains("fix the syntax");
        });
    }

    @Test
    public void documentsThatAreNoObjects() {
        LoadedConfig config = loader.read("odd.yaml", """
                - a list
                ---
                kind: Service
                metadata: {name: x}
                ---
                apiVersion: v1
                kind: Service
                metadata: {namespace: shop}
                ---
                a: 1
                a: 2
                """);
        assertThat(config.problems()).extracting(LoadProblem::message).satisfiesExactly(
                m -> assertThat(m).contains("not a Kubernetes object"),
                m -> assertThat(m).contains("has no apiVersion"),
                m -> assertThat(m).contains("Service has no metadata.name"),
                m -> assertThat(m).contains("duplicate key 'a'"));
        assertThat(config.problems()).extracting(p -> p.location().line()).containsExactly(1, 3, 6, 11);
    }

    @Test
    public void aliasCyclesAndDeepNestingAreProblems() {
        assertThat(loader.read("deep.yaml", "a: " + "[".repeat(500) + "]".repeat(500)).problems()).hasSize(1);
        assertThat(loader.read("alias.yaml", "a: &x [*x]").problems()).hasSize(1);
    }

    @Test
    public void foldersAreReadRecursivelyAndSorted() throws IOException {
        Path root = folder.newFolder("config").toPath();
        Files.createDirectories(root.resolve("b/c"));
        Files.writeString(root.resolve("b/c/two.yml"), "apiVersion: v1\nkind: Service\nmetadata: {name: two}\n");
        Files.writeString(root.resolve("a.yaml"), "apiVersion: v1\nkind: Service\nmetadata: {name: one}\n");
        Files.writeString(root.resolve("notes.txt"), "not config");
        Files.write(root.resolve("latin1.yaml"), "name: caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        LoadedConfig config = new YamlConfigLoader("shop").load(List.of(root));
        assertThat(config.resources()).extracting(MeshResource::name, MeshResource::namespace)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("one", "shop"),
                        org.assertj.core.groups.Tuple.tuple("two", "shop"));
        assertThat(config.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("not UTF-8"));
    }

    @Test
    public void jsonFilesAndByteOrderMarks() throws IOException {
        Path json = folder.newFile("service.json").toPath();
        Files.writeString(json, "{\"apiVersion\": \"v1\", \"kind\": \"Service\",\n \"metadata\": {\"name\": \"j\"}}");
        Path bom = folder.newFile("bom.yaml").toPath();
        Files.writeString(bom, "\uFEFFapiVersion: v1\nkind: Service\nmetadata: {name: b}\n");
        LoadedConfig config = loader.load(List.of(json, bom));
        assertThat(config.problems()).isEmpty();
        assertThat(config.resources()).extracting(MeshResource::name).containsExactly("j", "b");
    }

    @Test
    public void aMissingPathIsAnIoError() {
        assertThatThrownBy(() -> loader.load(List.of(Path.of("/no/such/mesh")))).isInstanceOf(IOException.class)
                .hasMessageContaining("no such file or folder: /no/such/mesh");
    }

    @Test
    public void namespacesInvolvedIncludeGatewaysAndRemoteHosts() {
        LoadedConfig config = loader.read("n.yaml", """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: v, namespace: shop}
                spec:
                  gateways: [istio-system/edge, local, mesh]
                  http:
                  - route:
                    - destination: {host: ratings.data.svc.cluster.local}
                    - destination: {host: api.example.com}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r, namespace: web}
                spec:
                  rules:
                  - backendRefs: [{name: s, namespace: backend}]
                """);
        assertThat(config.namespaces()).containsExactly("backend", "data", "istio-system", "shop", "web");
    }

    @Test
    public void textsOfSeveralFilesKeepTheirOwnNamesAndLines() {
        java.util.Map<String, String> texts = new java.util.LinkedHashMap<>();
        texts.put("deploy/a.yaml", """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: reviews}
                spec: {host: reviews}
                """);
        texts.put("deploy/b.yaml", """
                # a comment
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: reviews-v2}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: reviews, namespace: shop}
                ---
                kind: [broken
                """);

        LoadedConfig config = loader.readAll(texts);

        assertThat(config.resources()).extracting(MeshResource::location).containsExactly(
                new SourceLocation("deploy/a.yaml", 1), new SourceLocation("deploy/b.yaml", 6));
        assertThat(config.resources()).extracting(MeshResource::namespace).containsExactly("default", "shop");
        assertThat(config.skipped()).isEqualTo(1);
        assertThat(config.problems()).singleElement()
                .satisfies(p -> assertThat(p.location().file()).isEqualTo("deploy/b.yaml"));
        assertThat(loader.readAll(java.util.Map.of())).isEqualTo(new LoadedConfig(List.of(), List.of(), 0));
    }
}
