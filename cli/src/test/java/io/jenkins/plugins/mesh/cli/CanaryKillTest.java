package io.jenkins.plugins.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.mesh.simulator.MeshResources;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import io.jenkins.plugins.mesh.testkit.PrometheusAssumptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * R2 at process level: {@code mesh canary} runs in its own JVM against the simulated mesh scraped by a real
 * Prometheus, and is killed with SIGKILL (no shutdown hook runs) after a random number of its progress lines plus a
 * random delay. Then either {@code mesh rollback} or a new {@code mesh canary} with the same holder (a resumed run)
 * must leave the route as planned: back to its snapshot, or promoted, with no lease left. 4 kills here; more with
 * {@code -Dmesh.resilience.kills=N}.
 */
public class CanaryKillTest {

    private static final int KILLS = Integer.getInteger("mesh.resilience.kills", 4);
    private static final String[] PLAN = {"--steps", "20,50", "--interval", "3s", "--check", "success-rate>=99",
        "--check", "latency-p99<=500"};

    @ClassRule
    public static final TemporaryFolder FOLDER = new TemporaryFolder();

    private static ScrapedMesh mesh;

    @BeforeClass
    public static void startMesh() {
        PrometheusAssumptions.assumePrometheusAvailable();
        mesh = ScrapedMesh.start(ScrapedMesh.HEALTHY);
    }

    @AfterClass
    public static void stopMesh() {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    public void killedCanariesAreRestoredByRollbackOrFinishedByAResumedRun() throws Exception {
        Random random = new Random(99);
        Map<String, Object> original = Bookinfo.spec(mesh.cluster);
        int restored = 0;
        int nothingToRestore = 0;
        int promotedByResume = 0;
        List<String> killPoints = new ArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            int afterLines = random.nextInt(10);
            int extraMillis = random.nextInt(800);
            List<String> printed = runAndKill(afterLines, extraMillis);
            killPoints.add(printed.isEmpty() ? "(before any line)" : printed.get(printed.size() - 1).strip());
            if (kill % 2 == 0) {
                CliRun rollback = CliRun.of("rollback", "-n", SimulatedCluster.NAMESPACE, "--virtual-service",
                        SimulatedCluster.SERVICE, "--kubeconfig", mesh.cluster.kubeconfig().toString());
                assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isZero();
                if (rollback.out().contains("nothing to restore")) {
                    nothingToRestore++;
                    // Killed before the first write, or after the promotion released the route.
                    assertThat(Bookinfo.spec(mesh.cluster)).satisfiesAnyOf(
                            spec -> assertThat(spec).isEqualTo(original),
                            spec -> assertThat(Bookinfo.weights(mesh.cluster)).containsEntry("v1", 0)
                                    .containsEntry("v2", 100));
                } else {
                    restored++;
                    assertThat(Bookinfo.spec(mesh.cluster)).isEqualTo(original);
                }
            } else {
                CliRun resumed = CliRun.of(Bookinfo.canary(mesh.connection(), PLAN));
                assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
                assertThat(resumed.out()).contains("PROMOTED");
                assertThat(Bookinfo.weights(mesh.cluster)).containsEntry("v1", 0).containsEntry("v2", 100);
                promotedByResume++;
            }
            assertThat(Bookinfo.leases(mesh.cluster)).as("after kill %d", kill).isEmpty();
            putBack(original);
        }
        System.out.println("R2 kill -9 of mesh canary: " + KILLS + " kills; rollback restored " + restored
                + ", rollback found nothing to restore " + nothingToRestore + ", resumed runs promoted "
                + promotedByResume + "; killed after: " + killPoints);
    }

    /** Starts {@code mesh canary} in a new JVM and kills it with SIGKILL after {@code lines} lines and a delay. */
    private static List<String> runAndKill(int lines, int extraMillis) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(Bookinfo.canary(mesh.connection(), PLAN)));
        Process process = new ProcessBuilder(command).redirectError(FOLDER.newFile()).start();
        List<String> printed = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (printed.size() < lines && (line = out.readLine()) != null) {
                printed.add(line);
            }
            Thread.sleep(extraMillis);
            new ProcessBuilder("kill", "-9", Long.toString(process.pid())).start().waitFor();
        } finally {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        return printed;
    }

    /** Puts the VirtualService's spec back for the next kill (after a promotion). */
    private static void putBack(Map<String, Object> original) {
        GenericKubernetesResource vs = mesh.cluster.reviewsVirtualService();
        vs.setAdditionalProperty("spec", original);
        mesh.cluster.client().genericKubernetesResources(MeshResources.virtualService("v1"))
                .inNamespace(SimulatedCluster.NAMESPACE).resource(vs).update();
        assertThat(Bookinfo.spec(mesh.cluster)).isEqualTo(original);
    }
}
