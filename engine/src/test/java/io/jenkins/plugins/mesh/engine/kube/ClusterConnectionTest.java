package io.jenkins.plugins.mesh.engine.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ClusterConnectionTest {

    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            current-context: dev
            clusters:
            - name: dev
              cluster: {server: "https://127.0.0.1:6443"}
            - name: prod
              cluster: {server: "https://127.0.0.1:7443"}
            users:
            - name: ci
              user: {token: kubeconfig-secret-token}
            contexts:
            - name: dev
              context: {cluster: dev, user: ci, namespace: dev-ns}
            - name: prod
              context: {cluster: prod, user: ci, namespace: prod-ns}
            """;

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final ClusterClientFactory factory = new ClusterClientFactory(Map.of());

    @Test
    public void toStringNeverShowsASecret() {
        ClusterConnection token = ClusterConnection.token("https://127.0.0.1:6443", "s3cr3t-token", "PEM", false);
        ClusterConnection inline = ClusterConnection.kubeconfig(KUBECONFIG, "prod").withNamespace("shop");
        assertThat(token.toString()).doesNotContain("s3cr3t-token").contains("https://127.0.0.1:6443", "token ****");
        assertThat(inline.toString()).doesNotContain("kubeconfig-secret-token").contains("context prod",
                "namespace shop");
    }

    @Test
    public void tlsIsVerifiedUnlessSkippingIsAskedFor() {
        Config verified = factory.config(ClusterConnection.token("https://127.0.0.1:6443", "t", null, false));
        Config skipped = factory.config(ClusterConnection.token("https://127.0.0.1:6443", "t", null, true));
        assertThat(verified.isTrustCerts()).isFalse();
        assertThat(verified.isDisableHostnameVerification()).isFalse();
        assertThat(skipped.isTrustCerts()).isTrue();
        assertThat(skipped.toString()).doesNotContain("TLS verification OFF");
        assertThat(ClusterConnection.token("https://h", "t", null, true).toString())
                .contains("TLS verification OFF");
    }

    @Test
    public void kubeconfigContextChoosesClusterAndNamespace() throws Exception {
        Path file = folder.newFile("config").toPath();
        Files.writeString(file, KUBECONFIG);

        Config current = factory.config(ClusterConnection.kubeconfigFile(file, null));
        Config prod = factory.config(ClusterConnection.kubeconfig(KUBECONFIG, "prod"));

        assertThat(current.getMasterUrl()).startsWith("https://127.0.0.1:6443");
        assertThat(current.getNamespace()).isEqualTo("dev-ns");
        assertThat(prod.getMasterUrl()).startsWith("https://127.0.0.1:7443");
        assertThat(prod.getNamespace()).isEqualTo("prod-ns");
        assertThat(prod.getRequestRetryBackoffLimit()).isZero();
    }

    @Test
    public void aKubeconfigThatIsNotYamlIsReportedByPositionWithoutItsContents() throws Exception {
        String broken = KUBECONFIG.replace("user: {token: kubeconfig-secret-token}",
                "user: {token: kubeconfig-secret-token");
        Path file = folder.newFile("broken").toPath();
        Files.writeString(file, broken);

        for (ClusterConnection connection : java.util.List.of(ClusterConnection.kubeconfig(broken, null),
                ClusterConnection.kubeconfigFile(file, null))) {
            assertThatThrownBy(() -> factory.config(connection))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not valid YAML (line ")
                    .hasMessageNotContaining("kubeconfig-secret-token");
        }
    }

    @Test
    public void aMissingContextIsNamedWithTheOnesThere() {
        assertThatThrownBy(() -> factory.config(ClusterConnection.kubeconfig(KUBECONFIG, "staging")))
                .hasMessage("the kubeconfig has no context 'staging'; it has dev, prod");
    }

    @Test
    public void inClusterOutsideAPodSaysWhatToUseInstead() {
        assertThatThrownBy(() -> factory.config(ClusterConnection.inCluster()))
                .hasMessageContaining("not running in a Kubernetes pod");
        Config config = new ClusterClientFactory(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1",
                "KUBERNETES_SERVICE_PORT", "443")).config(ClusterConnection.inCluster());
        assertThat(config.getMasterUrl()).startsWith("https://10.0.0.1:443");
        assertThat(config.getCaCertFile()).endsWith("serviceaccount/ca.crt");
    }

    @Test
    public void emptySecretsAreRefused() {
        assertThatThrownBy(() -> ClusterConnection.token("https://h", " ", null, false))
                .hasMessageContaining("token is empty");
    }
}
