package io.jenkins.plugins.mesh.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

public class RestoreLatencyBenchmarkTest {

    @Test
    public void measuresBothPathsOnTheLoopbackApiServer() throws Exception {
        BenchTable table = new RestoreLatencyBenchmark(5, 3).run(true);
        assertThat(table.id()).isEqualTo("P2");
        assertThat(table.rows()).hasSize(2).allSatisfy(row -> {
            assertThat(row.get(2)).isEqualTo("3");
            double p50 = Double.parseDouble(row.get(3).replace(" ms", ""));
            double max = Double.parseDouble(row.get(5).replace(" ms", ""));
            assertThat(p50).isPositive().isLessThanOrEqualTo(max);
            assertThat(row.get(7)).isIn("met", "missed");
        });
    }
}
