package io.jenkins.plugins.mesh.engine.config;

/**
 * Where something was read from: a file and a 1-based line, or a live cluster object (line 0).
 *
 * @param file the path as the user gave it, or {@code cluster} for live objects
 * @param line 1-based line, 0 when unknown
 */
public record SourceLocation(String file, int line) {

    /** The location of objects read from a live cluster. */
    public static final String CLUSTER = "cluster";

    /** Whether this points into a live cluster rather than a file. */
    public boolean isCluster() {
        return CLUSTER.equals(file);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
