package io.jenkins.plugins.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.cli.bench.GeneratedMesh;
import io.jenkins.plugins.mesh.engine.config.LoadedConfig;
import io.jenkins.plugins.mesh.engine.config.YamlConfigLoader;
import io.jenkins.plugins.mesh.engine.validate.CanaryTarget;
import io.jenkins.plugins.mesh.engine.validate.Validator;
import io.jenkins.plugins.mesh.engine.policy.AdmissionPolicies;
import io.jenkins.plugins.mesh.engine.policy.PolicyFile;
import io.jenkins.plugins.mesh.simulator.FaultInjectingProxy;
import io.jenkins.plugins.mesh.simulator.SimulatedCluster;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * R3: hostile input. Mutated manifests go through the loader and the validator (and a share of them through
 * {@code mesh validate --cluster} against a simulated cluster), malformed argument lists through every command that
 * talks to a cluster: no exception may escape (no stack trace printed, exit codes as documented) and nothing may be
 * written to the cluster (every request other than GET reaching the proxy in front of it counts as a write). The
 * example policy rules and the admission policies among the manifests are checked too, and mutated policy files go
 * through {@code mesh validate --policy}.
 * Reduced here; the full size with {@code -Dmesh.resilience.manifests=100000 -Dmesh.resilience.arguments=10000}.
 */
public class HostileInputTest {

    private static final int MANIFESTS = Integer.getInteger("mesh.resilience.manifests", 5_000);
    private static final int ARGUMENTS = Integer.getInteger("mesh.resilience.arguments", 1_000);
    private static final int POLICIES = Integer.getInteger("mesh.resilience.policies", 100);
    /** The example policy rules every manifest is also checked against. */
    private static final Path POLICY = Path.of("../examples/policy/mesh-policy.yaml");
    /** Every n-th mutated manifest also goes through the whole `mesh validate --cluster` command. */
    private static final int THROUGH_CLI_EVERY = 50;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private SimulatedCluster cluster;
    private FaultInjectingProxy proxy;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private Path kubeconfig;

    @Before
    public void start() throws Exception {
        cluster = SimulatedCluster.start();
        proxy = new FaultInjectingProxy(URI.create(cluster.url()), 1).access((method, uri) -> {
            requests.incrementAndGet();
            if (!method.equals("GET")) {
                writes.incrementAndGet();
            }
            return null;
        });
        kubeconfig = temp.newFile("kubeconfig").toPath();
        Files.writeString(kubeconfig, Files.readString(cluster.kubeconfig()).replace(cluster.url(), proxy.url()));
    }

    @After
    public void stop() {
        proxy.close();
        cluster.close();
    }

    @Test
    public void mutatedManifestsEndInAReportAndWriteNothing() throws Exception {
        String valid = GeneratedMesh.yaml(4);
        ManifestMutator mutator = new ManifestMutator(20261126L);
        YamlConfigLoader loader = new YamlConfigLoader("default");
        Validator validator = Validator.standard().with(List.of(PolicyFile.load(POLICY).toRule(),
                new AdmissionPolicies()));
        CanaryTarget target = new CanaryTarget("VirtualService", "bookinfo", "reviews", null, "v1", "v2");
        List<String> unexpected = new ArrayList<>();
        int throughCli = 0;
        int refusedByCli = 0;
        for (int i = 0; i < MANIFESTS; i++) {
            String text = mutator.mutate(valid);
            try {
                LoadedConfig loaded = loader.read("mutated-" + i + ".yaml", text);
                validator.validate(loaded, List.of(), i % 2 == 0 ? target : null);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                unexpected.add("manifest " + i + ": " + e);
            }
            if (i % THROUGH_CLI_EVERY == 0) {
                Path file = temp.newFile("m" + i + ".yaml").toPath();
                Files.writeString(file, text, StandardCharsets.UTF_8);
                CliRun run = CliRun.of("validate", file.toString(), "--cluster", "--kubeconfig", kubeconfig.toString(),
                        "--target", "VirtualService/bookinfo/reviews", "--stable", "v1", "--canary", "v2",
                        "--policy", POLICY.toString());
                throughCli++;
                if (run.exitCode() == 2) {
                    refusedByCli++;
                }
                checkRun(run, List.of(0, 1, 2), "mesh validate of manifest " + i, unexpected);
            }
        }
        System.out.println("R3 manifests " + MANIFESTS + " (through mesh validate --cluster: " + throughCli
                + ", of which refused with exit 2: " + refusedByCli + "), unexpected exceptions " + unexpected.size()
                + ", API requests " + requests.get() + ", writes " + writes.get());
        assertThat(unexpected).isEmpty();
        assertThat(requests.get()).as("the cluster was read").isPositive();
        assertThat(writes.get()).isZero();
    }

    @Test
    public void mutatedPolicyFilesAreRefusedOrAppliedWithoutAStackTrace() throws Exception {
        ManifestMutator mutator = new ManifestMutator(20261202L);
        String policy = Files.readString(POLICY, StandardCharsets.UTF_8);
        Path config = temp.newFile("config.yaml").toPath();
        Files.writeString(config, GeneratedMesh.yaml(4), StandardCharsets.UTF_8);
        List<String> unexpected = new ArrayList<>();
        int[] exitCodes = new int[3];
        for (int i = 0; i < POLICIES; i++) {
            Path file = temp.newFile("policy-" + i + ".yaml").toPath();
            Files.writeString(file, mutator.mutate(policy), StandardCharsets.UTF_8);
            CliRun run = CliRun.of("validate", "--policy", file.toString(), config.toString());
            if (run.exitCode() >= 0 && run.exitCode() < exitCodes.length) {
                exitCodes[run.exitCode()]++;
            }
            checkRun(run, List.of(0, 1, 2), "mesh validate --policy " + file, unexpected);
        }
        System.out.println("R3 policy files " + POLICIES + ", exit codes 0/1/2: " + exitCodes[0] + "/" + exitCodes[1]
                + "/" + exitCodes[2] + ", unexpected " + unexpected.size());
        assertThat(unexpected).isEmpty();
        assertThat(exitCodes[2]).as("some mutations break the policy file").isPositive();
    }

    @Test
    public void malformedArgumentsAreRefusedWithoutAStackTraceOrAWrite() {
        Random random = new Random(7);
        List<String> unexpected = new ArrayList<>();
        int[] exitCodes = new int[4];
        for (int i = 0; i < ARGUMENTS; i++) {
            List<String> args = new MalformedArguments(random, kubeconfig.toString()).next();
            long writesBefore = writes.get();
            CliRun run = CliRun.of(args.toArray(String[]::new));
            if (run.exitCode() >= 0 && run.exitCode() < exitCodes.length) {
                exitCodes[run.exitCode()]++;
            }
            checkRun(run, List.of(1, 2, 3), "mesh " + args, unexpected);
            if (writes.get() != writesBefore) {
                unexpected.add("mesh " + args + " wrote to the cluster: " + run.out() + run.err());
            }
        }
        System.out.println("R3 argument lists " + ARGUMENTS + ", exit codes 0/1/2/3: " + exitCodes[0] + "/"
                + exitCodes[1] + "/" + exitCodes[2] + "/" + exitCodes[3] + ", unexpected " + unexpected.size()
                + ", API requests " + requests.get() + ", writes " + writes.get());
        assertThat(unexpected).isEmpty();
        assertThat(requests.get()).as("some argument lists got as far as the cluster").isPositive();
        assertThat(writes.get()).isZero();
    }

    private static void checkRun(CliRun run, List<Integer> allowed, String what, List<String> unexpected) {
        String printed = run.out() + run.err();
        if (!allowed.contains(run.exitCode()) || printed.contains("\tat ") || printed.contains("Exception:")
                && !printed.contains("mesh validate:") && !printed.contains("error:")) {
            unexpected.add(what + " -> exit " + run.exitCode() + ": " + printed.substring(0, Math.min(800,
                    printed.length())));
        }
    }
}
