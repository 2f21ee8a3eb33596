package io.jenkins.plugins.mesh.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.Test;

public class ScaleBenchmarkTest {

    @Test
    public void runsEveryRolloutToItsPromotionOnOneScheduler() throws Exception {
        ScaleBenchmark.Figures figures = new ScaleBenchmark(8, 4, Duration.ofMillis(200), Duration.ofMillis(100))
                .measure(4, Duration.ofMillis(100));
        assertThat(figures.promoted()).isEqualTo(4);
        assertThat(figures.schedulerThreads()).isEqualTo(ScaleBenchmark.SCHEDULER_THREADS);
        // each rollout wakes once to start and once per step's analysis
        assertThat(figures.ticks()).isEqualTo(4 * (1 + 3));
        assertThat(figures.schedulerCpuNanos()).isPositive();
        assertThat(figures.peakThreads()).isGreaterThanOrEqualTo(figures.threadsBefore());
    }
}
