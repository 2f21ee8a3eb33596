package io.jenkins.plugins.mesh.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The outcome of one {@code mesh} invocation in a test: exit code and everything printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }
}
