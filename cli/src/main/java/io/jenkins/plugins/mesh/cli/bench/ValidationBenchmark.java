package io.jenkins.plugins.mesh.cli.bench;

import io.jenkins.plugins.mesh.engine.config.LoadedConfig;
import io.jenkins.plugins.mesh.engine.config.YamlConfigLoader;
import io.jenkins.plugins.mesh.engine.validate.ValidationReport;
import io.jenkins.plugins.mesh.engine.validate.Validator;
import io.jenkins.plugins.mesh.engine.policy.AdmissionPolicies;
import io.jenkins.plugins.mesh.engine.policy.PolicyException;
import io.jenkins.plugins.mesh.engine.policy.PolicyFile;
import io.jenkins.plugins.mesh.engine.policy.PolicyRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * P4: validation of generated meshes of 1k, 10k, 50k and 100k objects: parse (YAML with line index), the built-in
 * checks, and a policy file of ten CEL rules (the five examples and five more) with the admission policies; median of
 * several runs (wall-clock and CPU time of the thread), heap peak during one run and heap retained by the loaded
 * config and report.
 */
public final class ValidationBenchmark implements BenchSection {

    @Override
    public String id() {
        return "P4";
    }

    private static final double MB = 1024.0 * 1024.0;
    /** CPU time of the measuring thread: what the work costs, whatever else the machine runs. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Override
    public BenchTable run(boolean quick) {
        int[] sizes = quick ? new int[] {1_000, 10_000} : new int[] {1_000, 10_000, 50_000, 100_000};
        int repetitions = quick ? 3 : 5;
        Validator builtIn = Validator.standard();
        Validator policies = new Validator(List.of(policyRules(), new AdmissionPolicies()));
        Validator all = builtIn.with(List.of(policyRules(), new AdmissionPolicies()));
        warmUp(quick ? 3 : 10, all);
        List<List<String>> rows = new ArrayList<>();
        for (int size : sizes) {
            String yaml = GeneratedMesh.yaml(size);
            int runs = size >= 100_000 ? Math.min(3, repetitions) : repetitions;
            long[] parse = new long[runs];
            long[] validate = new long[runs];
            long[] policy = new long[runs];
            long[] cpu = new long[runs];
            ValidationReport report = null;
            ValidationReport policyReport = null;
            for (int i = 0; i < runs; i++) {
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                LoadedConfig config = new YamlConfigLoader("default").read("mesh.yaml", yaml);
                long parsed = System.nanoTime();
                report = builtIn.validate(config, List.of(), null);
                long validated = System.nanoTime();
                policyReport = policies.validate(config, List.of(), null);
                long done = System.nanoTime();
                cpu[i] = THREADS.getCurrentThreadCpuTime() - cpuStart;
                parse[i] = parsed - start;
                validate[i] = validated - parsed;
                policy[i] = done - validated;
            }
            Memory memory = measureMemory(yaml, all);
            long parseMs = median(parse) / 1_000_000;
            long validateMs = median(validate) / 1_000_000;
            long policyMs = median(policy) / 1_000_000;
            rows.add(List.of(String.valueOf(report.resources()), String.valueOf(report.findings().size()),
                    String.valueOf(policyReport.findings().size()), parseMs + " ms", validateMs + " ms",
                    policyMs + " ms", (parseMs + validateMs + policyMs) + " ms", median(cpu) / 1_000_000 + " ms",
                    String.format("%.1f", median(cpu) / 1000.0 / report.resources()),
                    String.format("%.0f MB", memory.peak / MB), String.format("%.0f MB", memory.retained / MB)));
        }
        return new BenchTable("P4", "validation of generated meshes (parse with line index, built-in checks, a policy "
                + "file of 10 CEL rules; median of " + repetitions + ", 3 at 100k)", List.of("resources", "findings",
                "policy findings", "parse", "validate", "policies", "total", "cpu", "cpu us/resource", "heap peak",
                "retained"), rows);
    }

    /** The ten rules: examples/policy/mesh-policy.yaml and bench-policy-extra.yaml, both in the jar. */
    static PolicyRules policyRules() {
        try {
            return PolicyRules.of(List.of(PolicyFile.read("mesh-policy.yaml", resource("mesh-policy.yaml")),
                    PolicyFile.read("bench-policy-extra.yaml", resource("bench-policy-extra.yaml"))));
        } catch (PolicyException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = ValidationBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not in the jar; rebuild it with mvn package");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void warmUp(int rounds, Validator validator) {
        String yaml = GeneratedMesh.yaml(2_000);
        for (int i = 0; i < rounds; i++) {
            validator.validate(new YamlConfigLoader("default").read("warm.yaml", yaml), List.of(), null);
        }
    }

    private record Memory(long peak, long retained) {
    }

    /** Heap peak of one parse + validate, and what its result keeps alive, both above the heap used before. */
    private static Memory measureMemory(String yaml, Validator validator) {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        long before = settledHeap();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        LoadedConfig config = new YamlConfigLoader("default").read("mesh.yaml", yaml);
        ValidationReport report = validator.validate(config, List.of(), null);
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() - before;
        long retained = settledHeap() - before;
        // keep both alive until the retained heap was measured
        if (config.resources().size() + report.findings().size() < 0) {
            throw new IllegalStateException();
        }
        return new Memory(Math.max(peak, 0), Math.max(retained, 0));
    }

    private static long settledHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
