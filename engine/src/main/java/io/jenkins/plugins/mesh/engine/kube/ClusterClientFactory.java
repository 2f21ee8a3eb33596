package io.jenkins.plugins.mesh.engine.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

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
                    connection.kubeconfigFile().orElseThrow());
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
     * Parses a kubeconfig, from its text or from its file (whose directory relative certificate paths are read from).
     * fabric8 7.x reads kubeconfig YAML with snakeyaml-engine; a YAML error is reported by line and column only,
     * because the parser's own message quotes the offending line, which may hold a token. A missing context is
     * named with the contexts the file has.
     */
    private static Config kubeconfigConfig(ClusterConnection connection, String yaml, Path fileOrNull) {
        String where = fileOrNull != null ? "the kubeconfig " + fileOrNull : "the kubeconfig";
        String context = connection.context().orElse(null);
        NamedKubeconfig kubeconfig;
        try {
            kubeconfig = new NamedKubeconfig(Serialization.unmarshal(yaml,
                    io.fabric8.kubernetes.api.model.Config.class));
        } catch (RuntimeException e) {
            throw unusable(where, e);
        }
        kubeconfig.requireContext(where, context);
        try {
            return fileOrNull != null ? Config.fromKubeconfig(context, fileOrNull.toFile())
                    : Config.fromKubeconfig(kubeconfig.withCurrentContext(context));
        } catch (RuntimeException e) {
            throw unusable(where, e);
        }
    }

    private static IllegalArgumentException unusable(String where, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MarkedYamlEngineException yamlError) {
                Optional<Mark> mark = yamlError.getProblemMark();
                return new IllegalArgumentException(where + " is not valid YAML" + mark.map(m -> " (line "
                        + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ")").orElse("")
                        + "; check the file (kubectl config view shows what kubectl makes of it)");
            }
        }
        return new IllegalArgumentException(where + " cannot be used: " + e.getClass().getSimpleName()
                + "; check that it is a kubeconfig (kubectl config view) and that the context exists");
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
