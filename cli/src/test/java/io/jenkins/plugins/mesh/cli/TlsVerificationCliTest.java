package io.jenkins.plugins.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The CLI verifies the API server's certificate unless told not to, and then says loudly that it does not. */
public class TlsVerificationCliTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private KubernetesMockServer server;
    private Path tokenFile;

    @Before
    public void start() throws Exception {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), true);
        server.init(InetAddress.getLoopbackAddress(), 0);
        tokenFile = temp.newFile("token").toPath();
        Files.writeString(tokenFile, "SECRET-TOKEN-4b1d\n");
    }

    @After
    public void stop() {
        server.destroy();
    }

    private CliRun status(String... extra) {
        String[] base = {"status", "--namespace", "shop", "--server", "https://127.0.0.1:" + server.getPort(),
            "--token-file", tokenFile.toString(), "--request-timeout", "5"};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    public void aSelfSignedServerIsRefusedByDefault() {
        CliRun run = status();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("TLS with the API server failed").contains("--ca-file")
                .doesNotContain("SECRET-TOKEN-4b1d");
    }

    @Test
    public void skippingVerificationWorksAndWarns() {
        CliRun run = status("--insecure-skip-tls-verify");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.err()).startsWith("warning: --insecure-skip-tls-verify").contains("--ca-file");
        assertThat(run.out() + run.err()).doesNotContain("SECRET-TOKEN-4b1d");
    }
}
