package io.jenkins.plugins.mesh.cli.bench;

import io.jenkins.plugins.mesh.engine.apply.ApplyPlan;
import io.jenkins.plugins.mesh.engine.apply.MeshPlanner;
import io.jenkins.plugins.mesh.engine.apply.PlanResult;
import io.jenkins.plugins.mesh.engine.apply.PlannedChange;
import io.jenkins.plugins.mesh.engine.apply.RolloutLeases;
import io.jenkins.plugins.mesh.engine.config.LoadedConfig;
import io.jenkins.plugins.mesh.engine.config.MeshKind;
import io.jenkins.plugins.mesh.engine.config.YamlConfigLoader;
import io.jenkins.plugins.mesh.engine.validate.Validator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * P5: {@code mesh plan} of generated meshes of 1k, 10k and 15k objects (the last is 10k objects to plan) against a cluster that holds the same objects as
 * last applied, with one VirtualService in ten changed in the files: parse, validate (errors would stop the plan),
 * read the live objects (one list per kind and namespace, from memory: the API server's own time is not in it) and
 * the three-way plan with per-field diffs. Median of several runs. Goal: 10k objects in at most 2 s.
 */
public final class PlanBenchmark implements BenchSection {

    @Override
    public String id() {
        return "P5";
    }

    @Override
    public BenchTable run(boolean quick) {
        // A generated mesh of n objects holds about 0.68 n that apply manages (Services and Namespaces are not):
        // 15,000 generated objects are the 10k planned objects of the goal.
        int[] sizes = quick ? new int[] {1_000, 15_000} : new int[] {1_000, 10_000, 15_000};
        int repetitions = quick ? 3 : 5;
        warmUp();
        List<List<String>> rows = new ArrayList<>();
        for (int size : sizes) {
            String applied = GeneratedMesh.yaml(size).replace("canary-typo", "canary");
            String changed = changeEveryTenthTimeout(applied);
            InMemoryObjectStore store = clusterHolding(applied);
            long[] total = new long[repetitions];
            long[] parse = new long[repetitions];
            ApplyPlan plan = null;
            long listsBefore = store.lists();
            for (int i = 0; i < repetitions; i++) {
                long start = System.nanoTime();
                LoadedConfig files = new YamlConfigLoader("default").read("mesh.yaml", changed);
                long parsed = System.nanoTime();
                PlanResult result = planner(store).plan(files, false);
                total[i] = System.nanoTime() - start;
                parse[i] = parsed - start;
                if (result.stopped()) {
                    throw new IllegalStateException("the generated mesh does not validate: "
                            + result.validation().findings().get(0).toText());
                }
                plan = result.plan();
            }
            long lists = (store.lists() - listsBefore) / repetitions;
            Map<String, Integer> summary = plan.summary();
            long diffs = plan.changes().stream().mapToLong(c -> c.diff().size()).sum();
            long totalMs = median(total) / 1_000_000;
            rows.add(List.of(String.valueOf(plan.changes().size()), String.valueOf(summary.get("update")),
                    String.valueOf(summary.get("unchanged")), String.valueOf(diffs), String.valueOf(lists),
                    median(parse) / 1_000_000 + " ms", (totalMs - median(parse) / 1_000_000) + " ms",
                    totalMs + " ms", plan.changes().size() >= 10_000
                            ? (totalMs <= 2_000 ? "met (<= 2 s)" : "MISSED (> 2 s)") : ""));
        }
        return new BenchTable("P5", "mesh plan of generated meshes: parse, validate, list the live objects, three-way "
                + "plan; 1 VirtualService in 10 changed (median of " + repetitions + ")", List.of("objects planned",
                "update", "unchanged", "field diffs", "list calls", "parse", "validate + read + plan", "total",
                "goal"), rows);
    }

    private static MeshPlanner planner(InMemoryObjectStore store) {
        return new MeshPlanner(store, RolloutLeases.NONE, Validator.standard(), true);
    }

    /** A store holding every object of {@code yaml} as mesh apply writes it (labelled, with its last-applied hash). */
    static InMemoryObjectStore clusterHolding(String yaml) {
        InMemoryObjectStore store = new InMemoryObjectStore();
        LoadedConfig files = new YamlConfigLoader("default").read("mesh.yaml", yaml);
        PlanResult created = planner(store).plan(files, false);
        for (PlannedChange change : created.plan().writes()) {
            store.create(MeshKind.of(change.apiVersion(), change.kind()).orElseThrow(), change.desired());
        }
        return store;
    }

    private static String changeEveryTenthTimeout(String yaml) {
        StringBuilder out = new StringBuilder(yaml.length());
        int from = 0;
        int count = 0;
        for (int at = yaml.indexOf("timeout: 2s", from); at >= 0; at = yaml.indexOf("timeout: 2s", from)) {
            out.append(yaml, from, at).append(count++ % 10 == 0 ? "timeout: 3s" : "timeout: 2s");
            from = at + "timeout: 2s".length();
        }
        return out.append(yaml.substring(from)).toString();
    }

    private static void warmUp() {
        String yaml = GeneratedMesh.yaml(2_000).replace("canary-typo", "canary");
        InMemoryObjectStore store = clusterHolding(yaml);
        for (int i = 0; i < 5; i++) {
            planner(store).plan(new YamlConfigLoader("default").read("warm.yaml", yaml), false);
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
