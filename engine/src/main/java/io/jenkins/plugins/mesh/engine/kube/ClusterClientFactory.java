package io.jenkins.plugins.mesh.engine.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Builds a fabric8 {@link KubernetesClient} (OkHttp transport) from a {@link ClusterConnection}. The client's own
 * request retries are off: the traffic engine retries with its own bounded, injectable backoff so that a write is
 * never repeated behind its back. TLS is verified unless the connection explicitly says to skip it.
 */
public final class ClusterClientFactory {

    static final String SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

    private final Map<String, String> environment;

    /** A factory that reads the in-cluster service address from the process environment. */
    public ClusterClientFactory() {
        this(System.getenv());
    }

    ClusterClientFactory(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** A new client for {@code connection}; the caller closes it. */
    public KubernetesClient connect(ClusterConnection connection) {
        return new KubernetesClientBuilder()
                .withConfig(config(connection))
                .withHttpClientFactory(new OkHttpClientFactory())
                .build();
    }

    /** The fabric8 configuration for {@code connection}; never reads ~/.kube or system properties on its own. */
    Config config(ClusterConnection connection) {
        Config base = switch (connection.mode()) {
            case KUBECONFIG -> kubeconfigConfig(connection, connection.kubeconfigYaml().orElseThrow(), null);
            case KUBECONFIG_FILE -> kubeconfigConfig(connection, read(connection.kubeconfigFile().orElseThrow()),
                    connection.kubeconfigFile().orElseThrow().toString());
            case TOKEN -> tokenConfig(connection);
            case IN_CLUSTER -> inClusterConfig();
        };
        ConfigBuilder builder = new ConfigBuilder(base).withRequestRetryBackoffLimit(0);
        connection.namespace().ifPresent(builder::withNamespace);
        connection.requestTimeout().ifPresent(timeout -> builder
                .withRequestTimeout(Math.toIntExact(timeout.toMillis()))
                .withConnectionTimeout(Math.toIntExact(timeout.toMillis())));
        return builder.build();
    }

    /**
     * Parses a kubeconfig. A YAML error is reported by line and column only: the parser's own message quotes the
     * offending line, which may hold a token.
     */
    private static Config kubeconfigConfig(ClusterConnection connection, String yaml, String fileOrNull) {
        try {
            return Config.fromKubeconfig(connection.context().orElse(null), yaml, fileOrNull);
        } catch (RuntimeException e) {
            String where = fileOrNull != null ? "the kubeconfig " + fileOrNull : "the kubeconfig";
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof MarkedYAMLException yamlError) {
                    Mark mark = yamlError.getProblemMark();
                    throw new IllegalArgumentException(where + " is not valid YAML" + (mark == null ? ""
                            : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")")
                            + "; check the file (kubectl config view shows what kubectl makes of it)");
                }
            }
            throw new IllegalArgumentException(where + " cannot be used: " + e.getClass().getSimpleName()
                    + "; check that it is a kubeconfig (kubectl config view) and that the context exists");
        }
    }

    private static Config tokenConfig(ClusterConnection connection) {
        ConfigBuilder builder = new ConfigBuilder(Config.empty())
                .withMasterUrl(connection.serverUrl().orElseThrow())
                .withOauthToken(connection.token().orElseThrow())
                .withTrustCerts(connection.skipTlsVerify())
                .withDisableHostnameVerification(connection.skipTlsVerify());
        connection.caCertPem().ifPresent(pem -> builder.withCaCertData(
                Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8))));
        return builder.build();
    }

    private Config inClusterConfig() {
        String host = environment.get("KUBERNETES_SERVICE_HOST");
        String port = environment.getOrDefault("KUBERNETES_SERVICE_PORT", "443");
        if (host == null || host.isBlank()) {
            throw new IllegalStateException("not running in a Kubernetes pod (KUBERNETES_SERVICE_HOST is not set): "
                    + "use a kubeconfig or a server URL with a token instead");
        }
        Path tokenFile = Path.of(SERVICE_ACCOUNT_DIR, "token");
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return new ConfigBuilder(Config.empty())
                .withMasterUrl("https://" + hostPart + ":" + port)
                .withCaCertFile(Path.of(SERVICE_ACCOUNT_DIR, "ca.crt").toString())
                // Projected service-account tokens rotate: read the file for every request.
                .withOauthTokenProvider(() -> read(tokenFile).trim())
                .build();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage()
                    + "; check the path and its permissions", e);
        }
    }
}
