package io.jenkins.plugins.mesh.engine.kube;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.stream.Collectors;

/** A parsed kubeconfig, asked for its contexts by name. Never prints its users (they hold the credentials). */
final class NamedKubeconfig {

    private final Config config;

    NamedKubeconfig(Config config) {
        if (config == null) {
            throw new IllegalArgumentException("empty kubeconfig");
        }
        this.config = config;
    }

    /** The context names, in file order. */
    List<String> contexts() {
        List<NamedContext> contexts = config.getContexts();
        return contexts == null ? List.of() : contexts.stream().map(NamedContext::getName).toList();
    }

    /**
     * Checks that {@code context} (null: the current one) is in the file.
     *
     * @throws IllegalArgumentException naming the contexts the file has
     */
    void requireContext(String where, String context) {
        String wanted = context != null ? context : config.getCurrentContext();
        if (wanted == null || wanted.isBlank()) {
            throw new IllegalArgumentException(where + " sets no current-context; name one of its contexts ("
                    + names() + ")");
        }
        if (!contexts().contains(wanted)) {
            throw new IllegalArgumentException(where + " has no context '" + wanted + "'; it has " + names());
        }
    }

    /** The kubeconfig as YAML with {@code context} as its current context (unchanged when null). */
    String withCurrentContext(String context) {
        if (context != null) {
            config.setCurrentContext(context);
        }
        return Serialization.asYaml(config);
    }

    private String names() {
        List<String> names = contexts();
        return names.isEmpty() ? "no contexts" : names.stream().collect(Collectors.joining(", "));
    }
}
