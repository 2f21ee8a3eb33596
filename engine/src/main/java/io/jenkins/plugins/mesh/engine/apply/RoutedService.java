package io.jenkins.plugins.mesh.engine.apply;

/** A Kubernetes Service that a changed object routes to: what the health gate watches. */
public record RoutedService(String namespace, String name) {

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
