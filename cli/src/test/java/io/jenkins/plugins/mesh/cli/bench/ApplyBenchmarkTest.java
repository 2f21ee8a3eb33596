package io.jenkins.plugins.mesh.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

public class ApplyBenchmarkTest {

    @Test
    public void aQuickRunAppliesAndRevertsAHundredObjects() throws Exception {
        BenchTable table = new ApplyBenchmark().run(true);

        assertThat(table.rows()).extracting(r -> r.get(1)).containsOnly("100");
        assertThat(table.rows()).extracting(r -> r.get(0)).anySatisfy(s -> assertThat(s).startsWith("revert"));
    }
}
