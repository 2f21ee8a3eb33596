package io.jenkins.plugins.mesh.engine.config;

/** Identity of a namespaced object: kind, namespace and name (the API group is left out on purpose: v1 and v1beta1 are the same object). */
public record ResourceKey(String kind, String namespace, String name) {

    @Override
    public String toString() {
        return kind + " " + namespace + "/" + name;
    }
}
