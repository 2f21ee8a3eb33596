package io.jenkins.plugins.mesh.cli.bench;

import io.jenkins.plugins.mesh.engine.config.LoadedConfig;
import io.jenkins.plugins.mesh.engine.config.YamlConfigLoader;
import io.jenkins.plugins.mesh.engine.validate.ValidationReport;
import io.jenkins.plugins.mesh.engine.validate.Validator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * P4: validation of generated meshes of 1k, 10k and 50k objects: parse (YAML with line index) and validate,
 * median of several runs (wall-clock and CPU time of the thread), heap peak during one run and heap retained by the loaded config and report.
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
        int[] sizes = quick ? new int[] {1_000, 10_000} : new int[] {1_000, 10_000, 50_000};
        int repetitions = quick ? 3 : 5;
        warmUp(quick ? 3 : 10);
        List<List<String>> rows = new ArrayList<>();
        for (int size : sizes) {
            String yaml = GeneratedMesh.yaml(size);
            long[] parse = new long[repetitions];
            long[] validate = new long[repetitions];
            long[] cpu = new long[repetitions];
            ValidationReport report = null;
            for (int i = 0; i < repetitions; i++) {
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                LoadedConfig config = new YamlConfigLoader("default").read("mesh.yaml", yaml);
                long parsed = System.nanoTime();
                report = Validator.standard().validate(config, List.of(), null);
                long done = System.nanoTime();
                cpu[i] = THREADS.getCurrentThreadCpuTime() - cpuStart;
                parse[i] = parsed - start;
                validate[i] = done - parsed;
            }
            Memory memory = measureMemory(yaml);
            long parseMs = median(parse) / 1_000_000;
            long validateMs = median(validate) / 1_000_000;
            long total = parseMs + validateMs;
            rows.add(List.of(String.valueOf(report.resources()), String.valueOf(report.findings().size()),
                    parseMs + " ms", validateMs + " ms", total + " ms", median(cpu) / 1_000_000 + " ms",
                    String.format("%.1f", median(cpu) / 1000.0 / report.resources()),
                    String.format("%.0f MB", memory.peak / MB), String.format("%.0f MB", memory.retained / MB)));
        }
        return new BenchTable("P4", "validation of generated meshes (parse with line index + all rules; median of "
                + repetitions + ")", List.of("resources", "findings", "parse", "validate", "total", "cpu", "cpu us/resource",
                "heap peak", "retained"), rows);
    }

    private static void warmUp(int rounds) {
        String yaml = GeneratedMesh.yaml(2_000);
        for (int i = 0; i < rounds; i++) {
            Validator.standard().validate(new YamlConfigLoader("default").read("warm.yaml", yaml), List.of(), null);
        }
    }

    private record Memory(long peak, long retained) {
    }

    /** Heap peak of one parse + validate, and what its result keeps alive, both above the heap used before. */
    private static Memory measureMemory(String yaml) {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        long before = settledHeap();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        LoadedConfig config = new YamlConfigLoader("default").read("mesh.yaml", yaml);
        ValidationReport report = Validator.standard().validate(config, List.of(), null);
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
