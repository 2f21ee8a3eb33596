package io.jenkins.plugins.mesh.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;

/** The top-level {@code mesh} command; the work is done by its subcommands. */
@Command(
        name = "mesh",
        mixinStandardHelpOptions = true,
        versionProvider = MeshCommand.Version.class,
        description = "Safe deploys on an Istio service mesh: validate config, run canaries, set traffic, roll back.",
        subcommands = {HelpCommand.class, DemoCommand.class, ValidateCommand.class, CanaryCommand.class,
            AnalyzeCommand.class, TrafficCommand.class, RollbackCommand.class, PlanCommand.class, ApplyCommand.class, StatusCommand.class,
            BenchCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  the check or rollout failed (findings with errors, canary rolled back)",
            "  2  usage, validation or I/O problem: nothing was written to any cluster",
            "  3  a restore is pending: run `mesh rollback` for the route named in the message",
            "  4  mesh analyze: the checks were inconclusive (--fail-on inconclusive)"
        })
public final class MeshCommand implements Runnable {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version Maven wrote into the jar. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties properties = new Properties();
            try (InputStream in = MeshCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {"mesh " + properties.getProperty("version", "unknown")};
        }
    }
}
