package io.jenkins.plugins.mesh.cli.bench;

/** One part of {@code mesh bench}: measures something and returns its figures. Add new sections to the list in BenchCommand. */
public interface BenchSection {

    /** The short name the table carries and {@code --only} selects, e.g. {@code P1}. */
    String id();

    /**
     * Runs the measurement.
     *
     * @param quick smaller sizes and fewer repetitions, for a smoke run
     */
    BenchTable run(boolean quick) throws Exception;
}
