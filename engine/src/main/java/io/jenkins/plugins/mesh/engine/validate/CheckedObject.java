package io.jenkins.plugins.mesh.engine.validate;

/**
 * An object a validation checked, whether or not anything was found on it (the test cases of a JUnit report).
 *
 * @param kind its kind
 * @param namespace its namespace, empty for cluster-scoped kinds
 * @param name its name
 * @param file the file it was read from
 * @param line the line its document starts on
 */
public record CheckedObject(String kind, String namespace, String name, String file, int line) {

    /** {@code Kind namespace/name}, the way findings name it. */
    public String displayName() {
        return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }
}
