package io.jenkins.plugins.mesh.cli;

import io.jenkins.plugins.mesh.engine.kube.ClusterConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How a command reaches the cluster, shared by every command that talks to one. Without options: the kubeconfig
 * named by $KUBECONFIG or ~/.kube/config, else the pod's service account. Secrets are read from files, never from
 * the command line, so they do not show in process lists or shell history.
 */
public final class ClusterOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context (default: its current-context)")
    String context;

    @Option(names = "--server", paramLabel = "URL", description = "API server URL; use with --token-file")
    String server;

    @Option(names = "--token-file", paramLabel = "FILE", description = "file holding the bearer token for --server")
    Path tokenFile;

    @Option(names = "--ca-file", paramLabel = "FILE", description = "CA bundle (PEM) that signed the API server's "
            + "certificate, for --server")
    Path caFile;

    @Option(names = "--insecure-skip-tls-verify", description = "do not verify the API server's certificate "
            + "(for --server; never in production)")
    boolean insecureSkipTlsVerify;

    @Option(names = "--in-cluster", description = "use the service account of the pod this runs in")
    boolean inCluster;

    @Option(names = "--request-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "bound on each API request (default: ${DEFAULT-VALUE})")
    double requestTimeoutSeconds;

    /** The connection the options describe; a usage error when they contradict each other. */
    ClusterConnection connection(Map<String, String> environment) {
        if (server != null && (kubeconfig != null || context != null || inCluster)) {
            throw usage("--server cannot be combined with --kubeconfig, --context or --in-cluster");
        }
        if ((tokenFile != null || caFile != null || insecureSkipTlsVerify) && server == null) {
            throw usage("--token-file, --ca-file and --insecure-skip-tls-verify need --server");
        }
        if (inCluster && (kubeconfig != null || context != null)) {
            throw usage("--in-cluster cannot be combined with --kubeconfig or --context");
        }
        ClusterConnection connection;
        if (server != null) {
            if (tokenFile == null) {
                throw usage("--server needs --token-file (the token is read from a file, never from the command line)");
            }
            connection = ClusterConnection.token(server, read(tokenFile).trim(),
                    caFile == null ? null : read(caFile), insecureSkipTlsVerify);
            if (insecureSkipTlsVerify) {
                spec.commandLine().getErr().println("warning: --insecure-skip-tls-verify: the API server's "
                        + "certificate is not checked, so anyone on the network path can read the token and change "
                        + "what is sent and answered; give --ca-file instead");
            }
        } else if (inCluster) {
            connection = ClusterConnection.inCluster();
        } else {
            Path file = kubeconfig != null ? kubeconfig : defaultKubeconfig(environment);
            boolean inPod = environment.containsKey("KUBERNETES_SERVICE_HOST");
            if (kubeconfig == null && !Files.isRegularFile(file) && inPod) {
                connection = ClusterConnection.inCluster();
            } else if (!Files.isRegularFile(file)) {
                throw usage("no kubeconfig at " + file + ": give --kubeconfig, --server with --token-file, or "
                        + "--in-cluster");
            } else {
                connection = ClusterConnection.kubeconfigFile(file, context);
            }
        }
        if (!(requestTimeoutSeconds >= 0.001 && requestTimeoutSeconds <= 3600)) {
            throw usage("--request-timeout must be a number of seconds from 0.001 to 3600, was "
                    + requestTimeoutSeconds);
        }
        return connection.withRequestTimeout(Duration.ofMillis(Math.round(requestTimeoutSeconds * 1000)));
    }

    private static Path defaultKubeconfig(Map<String, String> environment) {
        String fromEnv = environment.get("KUBECONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv.split(java.io.File.pathSeparator)[0]);
        }
        return Path.of(System.getProperty("user.home"), ".kube", "config");
    }

    private static String read(Path file) {
        return SecretFile.read(file);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
