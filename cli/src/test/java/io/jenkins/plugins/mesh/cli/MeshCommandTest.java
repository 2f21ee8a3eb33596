package io.jenkins.plugins.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

public class MeshCommandTest {

    @Test
    public void helpListsCommandsAndExitCodes() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: mesh").contains("Commands:").contains("help")
                .contains("Exit codes:").contains("restore is pending");
    }

    @Test
    public void noArgumentsPrintsUsage() {
        CliRun run = CliRun.of();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: mesh");
    }

    @Test
    public void versionComesFromTheBuild() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("mesh ").doesNotContain("${project.version}");
    }

    @Test
    public void unknownCommandIsAUsageError() {
        CliRun run = CliRun.of("frobnicate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unmatched argument").contains("frobnicate");
    }
}
