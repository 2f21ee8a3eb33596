package io.jenkins.plugins.mesh.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.mesh.engine.kube.ClusterClientFactory;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficException;
import io.jenkins.plugins.mesh.engine.traffic.TrafficSettings;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the traffic commands share: connect with {@link ClusterOptions}, run against a {@link TrafficController},
 * close the client, and turn failures into a message and an exit code.
 */
@Command(mixinStandardHelpOptions = true, footerHeading = ExitCodes.HEADING,
        footer = {ExitCodes.OK, ExitCodes.FAILED, ExitCodes.NOTHING_WRITTEN, ExitCodes.RESTORE_PENDING})
abstract class ClusterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    /**
     * Checks the options before anything connects; throw a {@link picocli.CommandLine.ParameterException} (or an
     * {@link IllegalArgumentException}) to refuse them. Nothing is read or written before it returns.
     */
    void validate() {
    }

    /** The command's work on routes; returns the exit code. Commands that need the client override the other run. */
    int run(TrafficController traffic, PrintWriter out, PrintWriter err) {
        throw new IllegalStateException(spec.name() + " implements neither run method");
    }

    /** The command's work with the client as well (config as code reads and writes more than routes). */
    int run(KubernetesClient client, TrafficController traffic, PrintWriter out, PrintWriter err) {
        return run(traffic, out, err);
    }

    @Override
    public final Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            validate();
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try (KubernetesClient client = new ClusterClientFactory().connect(cluster.connection(System.getenv()))) {
            TrafficController traffic = new TrafficController(client, Clock.systemUTC(), TrafficSettings.defaults());
            return run(client, traffic, spec.commandLine().getOut(), err);
        } catch (TrafficException e) {
            return TrafficFailures.report(e, err);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException
                | KubernetesClientException | io.jenkins.plugins.mesh.engine.kube.ClusterException e) {
            // (a ClusterException reaches here only from reads before any write: config as code's plan)
            return TrafficFailures.report(e, err);
        }
    }
}
