package io.jenkins.plugins.mesh.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How a command reaches a cluster: a kubeconfig file and context, else the usual discovery (KUBECONFIG,
 * ~/.kube/config, in-cluster service account). Messages never quote the kubeconfig: it holds credentials.
 */
public final class KubeconfigOptions {

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig file (default: KUBECONFIG, "
            + "~/.kube/config or the in-cluster service account)")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context (default: the current one)")
    String context;

    /** A client for the chosen cluster; the caller closes it. */
    public KubernetesClient connect() throws IOException {
        Config config;
        if (kubeconfig != null) {
            if (!Files.isRegularFile(kubeconfig) || !Files.isReadable(kubeconfig)) {
                throw new IOException("cannot read kubeconfig " + kubeconfig + "; check the path and its permissions");
            }
            try {
                config = Config.fromKubeconfig(context, kubeconfig.toFile());
            } catch (RuntimeException e) {
                // The cause may quote the file, credentials included: name the file only.
                throw new IOException("kubeconfig " + kubeconfig + " cannot be used" + (context == null ? ""
                        : " with context " + context) + "; check that it is a valid kubeconfig");
            }
        } else {
            config = Config.autoConfigure(context);
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
