package io.jenkins.plugins.mesh.engine.config;

/**
 * A document that could not be read as a Kubernetes object: broken YAML, a document that is not a mapping, a
 * missing {@code kind} or {@code metadata.name}, or an unreadable file.
 */
public record LoadProblem(SourceLocation location, String message) {
}
