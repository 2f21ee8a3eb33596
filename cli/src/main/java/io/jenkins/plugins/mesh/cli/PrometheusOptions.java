package io.jenkins.plugins.mesh.cli;

import io.jenkins.plugins.mesh.engine.DurationText;
import io.jenkins.plugins.mesh.engine.analysis.PrometheusConnection;
import io.jenkins.plugins.mesh.engine.analysis.PrometheusCredentials;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where the health checks read Istio's metrics. Secrets (token, password) are read from files, never from the
 * command line, so they do not show in process lists or shell history.
 */
public final class PrometheusOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--prometheus", paramLabel = "URL", description = "Prometheus base URL, e.g. "
            + "http://prometheus.istio-system:9090")
    String url;

    @Option(names = "--prometheus-token-file", paramLabel = "FILE", description = "file holding a bearer token for "
            + "Prometheus")
    Path tokenFile;

    @Option(names = "--prometheus-user", paramLabel = "USER", description = "user for Prometheus basic "
            + "authentication; use with --prometheus-password-file")
    String user;

    @Option(names = "--prometheus-password-file", paramLabel = "FILE", description = "file holding the password "
            + "of --prometheus-user")
    Path passwordFile;

    @Option(names = "--prometheus-ca-file", paramLabel = "FILE", description = "CA bundle (PEM) that signed "
            + "Prometheus' certificate (https)")
    Path caFile;

    @Option(names = "--prometheus-timeout", paramLabel = "DURATION", description = "bound on each query "
            + "(default: 10s)")
    String timeout;

    /** Whether a Prometheus server was given. */
    boolean isSet() {
        return url != null && !url.isBlank();
    }

    /** Refuses contradicting options; call before anything connects. */
    void validate() {
        boolean anyDetail = tokenFile != null || user != null || passwordFile != null || caFile != null
                || timeout != null;
        if (!isSet()) {
            if (anyDetail) {
                throw usage("--prometheus-token-file, --prometheus-user, --prometheus-password-file, "
                        + "--prometheus-ca-file and --prometheus-timeout need --prometheus URL");
            }
            return;
        }
        if (tokenFile != null && (user != null || passwordFile != null)) {
            throw usage("give either --prometheus-token-file or --prometheus-user with --prometheus-password-file, "
                    + "not both");
        }
        if ((user == null) != (passwordFile == null)) {
            throw usage("--prometheus-user and --prometheus-password-file go together (the password is read from "
                    + "the file, never from the command line)");
        }
        try {
            new PrometheusConnection(new URI(url.strip()), PrometheusCredentials.NONE, null, null);
            if (timeout != null) {
                DurationText.parse(timeout);
            }
        } catch (URISyntaxException e) {
            throw usage("--prometheus '" + url + "' is not a URL: " + e.getReason());
        } catch (IllegalArgumentException e) {
            throw usage("--prometheus: " + e.getMessage());
        }
    }

    /** The connection the options describe, reading the secret files now. */
    PrometheusConnection connection() {
        PrometheusCredentials credentials = PrometheusCredentials.NONE;
        if (tokenFile != null) {
            credentials = new PrometheusCredentials.BearerToken(SecretFile.read(tokenFile).trim());
        } else if (user != null) {
            credentials = new PrometheusCredentials.BasicAuth(user, stripLineEnd(SecretFile.read(passwordFile)));
        }
        return new PrometheusConnection(URI.create(url.strip()), credentials,
                caFile == null ? null : SecretFile.read(caFile),
                timeout == null ? null : DurationText.parse(timeout));
    }

    /** A password file written with echo ends with a line break that is not part of the password. */
    private static String stripLineEnd(String text) {
        return text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
