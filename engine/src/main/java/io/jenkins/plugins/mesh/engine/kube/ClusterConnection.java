package io.jenkins.plugins.mesh.engine.kube;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one Kubernetes cluster: in-cluster service account, kubeconfig (text or file, optional context), or
 * server URL plus bearer token. An immutable value; {@link #toString()} never shows a token or kubeconfig content.
 * TLS verification is on unless {@link #token(String, String, String, boolean)} is told to skip it.
 */
public final class ClusterConnection {

    /** Which way the connection is described. */
    public enum Mode {
        IN_CLUSTER, KUBECONFIG, KUBECONFIG_FILE, TOKEN
    }

    private final Mode mode;
    private final String kubeconfigYaml;
    private final Path kubeconfigFile;
    private final String context;
    private final String serverUrl;
    private final String token;
    private final String caCertPem;
    private final boolean skipTlsVerify;
    private final String namespace;
    private final Duration requestTimeout;

    private ClusterConnection(Mode mode, String kubeconfigYaml, Path kubeconfigFile, String context, String serverUrl,
            String token, String caCertPem, boolean skipTlsVerify, String namespace, Duration requestTimeout) {
        this.mode = mode;
        this.kubeconfigYaml = kubeconfigYaml;
        this.kubeconfigFile = kubeconfigFile;
        this.context = context;
        this.serverUrl = serverUrl;
        this.token = token;
        this.caCertPem = caCertPem;
        this.skipTlsVerify = skipTlsVerify;
        this.namespace = namespace;
        this.requestTimeout = requestTimeout;
    }

    /** The service account of the pod this runs in. */
    public static ClusterConnection inCluster() {
        return new ClusterConnection(Mode.IN_CLUSTER, null, null, null, null, null, null, false, null, null);
    }

    /** A kubeconfig given as text (e.g. a Jenkins secret file's content); {@code contextOrNull} = current-context. */
    public static ClusterConnection kubeconfig(String kubeconfigYaml, String contextOrNull) {
        requireText("kubeconfig", kubeconfigYaml);
        return new ClusterConnection(Mode.KUBECONFIG, kubeconfigYaml, null, blankToNull(contextOrNull), null, null,
                null, false, null, null);
    }

    /** A kubeconfig file, read when connecting; {@code contextOrNull} = its current-context. */
    public static ClusterConnection kubeconfigFile(Path file, String contextOrNull) {
        Objects.requireNonNull(file, "kubeconfig file");
        return new ClusterConnection(Mode.KUBECONFIG_FILE, null, file, blankToNull(contextOrNull), null, null, null,
                false, null, null);
    }

    /**
     * An API server URL and a bearer token. {@code caCertPemOrNull} is the CA bundle (PEM) that signed the server's
     * certificate; {@code skipTlsVerify} turns verification off and must be asked for explicitly.
     */
    public static ClusterConnection token(String serverUrl, String token, String caCertPemOrNull,
            boolean skipTlsVerify) {
        requireText("server URL", serverUrl);
        requireText("token", token);
        return new ClusterConnection(Mode.TOKEN, null, null, null, serverUrl, token, blankToNull(caCertPemOrNull),
                skipTlsVerify, null, null);
    }

    /** The same connection with a default namespace for commands that do not name one. */
    public ClusterConnection withNamespace(String namespaceOrNull) {
        return new ClusterConnection(mode, kubeconfigYaml, kubeconfigFile, context, serverUrl, token, caCertPem,
                skipTlsVerify, blankToNull(namespaceOrNull), requestTimeout);
    }

    /** The same connection with a bound on each HTTP request (connect and read); unset = the client default. */
    public ClusterConnection withRequestTimeout(Duration timeoutOrNull) {
        return new ClusterConnection(mode, kubeconfigYaml, kubeconfigFile, context, serverUrl, token, caCertPem,
                skipTlsVerify, namespace, timeoutOrNull);
    }

    public Mode mode() {
        return mode;
    }

    /** The kubeconfig text ({@link Mode#KUBECONFIG} only): a secret, never log it. */
    public Optional<String> kubeconfigYaml() {
        return Optional.ofNullable(kubeconfigYaml);
    }

    public Optional<Path> kubeconfigFile() {
        return Optional.ofNullable(kubeconfigFile);
    }

    public Optional<String> context() {
        return Optional.ofNullable(context);
    }

    public Optional<String> serverUrl() {
        return Optional.ofNullable(serverUrl);
    }

    /** The bearer token ({@link Mode#TOKEN} only): a secret, never log it. */
    public Optional<String> token() {
        return Optional.ofNullable(token);
    }

    public Optional<String> caCertPem() {
        return Optional.ofNullable(caCertPem);
    }

    public boolean skipTlsVerify() {
        return skipTlsVerify;
    }

    public Optional<String> namespace() {
        return Optional.ofNullable(namespace);
    }

    public Optional<Duration> requestTimeout() {
        return Optional.ofNullable(requestTimeout);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ClusterConnection other)) {
            return false;
        }
        return mode == other.mode && skipTlsVerify == other.skipTlsVerify
                && Objects.equals(kubeconfigYaml, other.kubeconfigYaml)
                && Objects.equals(kubeconfigFile, other.kubeconfigFile) && Objects.equals(context, other.context)
                && Objects.equals(serverUrl, other.serverUrl) && Objects.equals(token, other.token)
                && Objects.equals(caCertPem, other.caCertPem) && Objects.equals(namespace, other.namespace)
                && Objects.equals(requestTimeout, other.requestTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, kubeconfigYaml, kubeconfigFile, context, serverUrl, token, caCertPem, skipTlsVerify,
                namespace, requestTimeout);
    }

    /** Says where the connection goes, never with what secret. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("ClusterConnection[");
        switch (mode) {
            case IN_CLUSTER -> out.append("in-cluster service account");
            case KUBECONFIG -> out.append("kubeconfig (inline)");
            case KUBECONFIG_FILE -> out.append("kubeconfig ").append(kubeconfigFile);
            case TOKEN -> out.append("server ").append(serverUrl).append(", token ****")
                    .append(caCertPem != null ? ", CA given" : "")
                    .append(skipTlsVerify ? ", TLS verification OFF" : "");
            default -> throw new IllegalStateException(mode.name());
        }
        if (context != null) {
            out.append(", context ").append(context);
        }
        if (namespace != null) {
            out.append(", namespace ").append(namespace);
        }
        return out.append(']').toString();
    }

    private static void requireText(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the " + what + " is empty: give a value");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
