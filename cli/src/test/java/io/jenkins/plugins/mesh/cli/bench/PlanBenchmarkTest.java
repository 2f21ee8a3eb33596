package io.jenkins.plugins.mesh.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.engine.apply.ConfigPlanner;
import io.jenkins.plugins.mesh.engine.apply.LiveConfigReader;
import io.jenkins.plugins.mesh.engine.apply.ManagedKinds;
import io.jenkins.plugins.mesh.engine.apply.PlanAction;
import io.jenkins.plugins.mesh.engine.config.YamlConfigLoader;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class PlanBenchmarkTest {

    @Test
    public void theClusterOfP5HoldsEveryManagedObjectAsLastAppliedSoTheSameFilesPlanUnchanged() {
        String yaml = GeneratedMesh.yaml(1_000).replace("canary-typo", "canary");
        var files = new YamlConfigLoader("default").read("mesh.yaml", yaml).resources().stream()
                .filter(r -> ManagedKinds.managed(r.kind())).toList();
        var namespaces = files.stream().map(r -> r.namespace()).distinct().toList();
        InMemoryObjectStore store = PlanBenchmark.clusterHolding(yaml);
        long before = store.lists();

        var live = new LiveConfigReader(store).read(namespaces, ManagedKinds.ALL);
        var plan = new ConfigPlanner().plan(files, live, Map.of(), false);

        assertThat(plan.changes()).hasSize(files.size());
        assertThat(plan.changes()).extracting(c -> c.action()).containsOnly(PlanAction.UNCHANGED);
        assertThat(store.lists() - before).isEqualTo((long) namespaces.size() * ManagedKinds.ALL.size());
    }

    @Test
    public void theBenchmarkReportsBothSizesAndTheGoal() {
        BenchTable table = new PlanBenchmark().run(true);

        assertThat(table.rows()).hasSize(2);
        assertThat(Integer.parseInt(table.rows().get(1).get(0))).isGreaterThanOrEqualTo(10_000);
        assertThat(table.rows().get(1).get(8)).matches("met \\(<= 2 s\\)|MISSED \\(> 2 s\\)");
        assertThat(Integer.parseInt(table.rows().get(1).get(1))).isPositive();
    }
}
