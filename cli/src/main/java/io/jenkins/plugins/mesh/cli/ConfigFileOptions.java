package io.jenkins.plugins.mesh.cli;

import io.jenkins.plugins.mesh.engine.config.LoadedConfig;
import io.jenkins.plugins.mesh.engine.config.YamlConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The files of config as code, {@code PATH... [--namespace NS] [--prune]}, shared by mesh plan and mesh apply. */
public final class ConfigFileOptions {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "YAML files or folders (read recursively) with "
            + "the mesh config: VirtualService, DestinationRule, Gateway, ServiceEntry, Sidecar, HTTPRoute, Gateway")
    List<Path> paths;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "default",
            description = "namespace of objects that name none (default: ${DEFAULT-VALUE})")
    String namespace;

    @Option(names = "--prune", description = "delete objects that carry the label app.kubernetes.io/managed-by="
            + "mesh-pipeline and are gone from the files (in the files' namespaces)")
    boolean prune;

    /** Reads the files; a path that does not exist is a usage error. */
    LoadedConfig load() {
        try {
            return new YamlConfigLoader(namespace).load(paths);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
