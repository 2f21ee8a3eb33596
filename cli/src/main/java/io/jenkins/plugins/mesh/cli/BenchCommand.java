package io.jenkins.plugins.mesh.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mesh.cli.bench.BenchSection;
import io.jenkins.plugins.mesh.cli.bench.BlastRadiusBenchmark;
import io.jenkins.plugins.mesh.cli.bench.RestoreLatencyBenchmark;
import io.jenkins.plugins.mesh.cli.bench.ScaleBenchmark;
import io.jenkins.plugins.mesh.cli.bench.BenchTable;
import io.jenkins.plugins.mesh.cli.bench.ValidationBenchmark;
import io.jenkins.plugins.mesh.cli.bench.PlanBenchmark;
import io.jenkins.plugins.mesh.cli.bench.ApplyBenchmark;
import io.jenkins.plugins.mesh.cli.bench.PhaseExposureBenchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mesh bench}: runs the benchmarks and prints their tables (docs/benchmarks.md explains them). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run the benchmarks (P1 blast radius, P2 restore latency, P3 scale, P4 validation, P5 plan, "
                + "P6 apply and revert, P7 exposure by phase) and print a table per benchmark.")
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "smaller sizes and fewer repetitions")
    boolean quick;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the figures as JSON to FILE")
    Path json;

    @Option(names = "--only", paramLabel = "ID", split = ",",
            description = "run only these benchmarks, e.g. --only P1,P2 (P1 also prints its goals)")
    List<String> only;

    /** The benchmark sections, in the order they run. */
    static List<BenchSection> sections() {
        BlastRadiusBenchmark blastRadius = new BlastRadiusBenchmark();
        return List.of(blastRadius, blastRadius.goals(), new RestoreLatencyBenchmark(), new ScaleBenchmark(),
                new ValidationBenchmark(), new PlanBenchmark(), new ApplyBenchmark(), new PhaseExposureBenchmark());
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Runtime runtime = Runtime.getRuntime();
        String machine = runtime.availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", max heap " + runtime.maxMemory() / (1024 * 1024) + " MB, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch");
        out.println("mesh bench" + (quick ? " --quick" : "") + " on " + machine);
        out.println();
        List<BenchTable> tables = new ArrayList<>();
        List<BenchSection> chosen = new ArrayList<>();
        for (BenchSection section : sections()) {
            if (only == null || only.stream().anyMatch(id -> section.id().equals(id.trim().toUpperCase(
                    java.util.Locale.ROOT)) || section.id().startsWith(id.trim().toUpperCase(java.util.Locale.ROOT)
                    + " "))) {
                chosen.add(section);
            }
        }
        if (chosen.isEmpty()) {
            spec.commandLine().getErr().println("mesh bench: no benchmark is called " + only + "; choose from P1, P2, "
                    + "P3, P4, P5, P6, P7");
            return 2;
        }
        for (BenchSection section : chosen) {
            BenchTable table = section.run(quick);
            table.print(out);
            out.flush();
            tables.add(table);
        }
        if (json != null) {
            try {
                Files.writeString(json, toJson(machine, tables));
            } catch (IOException e) {
                spec.commandLine().getErr().println("mesh bench: cannot write " + json + ": " + e.getMessage());
                return 2;
            }
        }
        return 0;
    }

    private String toJson(String machine, List<BenchTable> tables) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode().put("machine", machine).put("quick", quick);
        ArrayNode sections = root.putArray("sections");
        for (BenchTable table : tables) {
            ObjectNode section = sections.addObject().put("id", table.id()).put("title", table.title());
            ArrayNode rows = section.putArray("rows");
            for (List<String> row : table.rows()) {
                ObjectNode cells = rows.addObject();
                for (int i = 0; i < table.columns().size(); i++) {
                    cells.put(table.columns().get(i), row.get(i));
                }
            }
        }
        return root.toPrettyString();
    }
}
