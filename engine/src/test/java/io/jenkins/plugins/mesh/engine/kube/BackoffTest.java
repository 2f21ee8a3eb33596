package io.jenkins.plugins.mesh.engine.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.Test;

public class BackoffTest {

    @Test
    public void delaysGrowExponentiallyWithinTheirJitterBandAndStopAtTheCap() {
        Backoff backoff = new Backoff(10, Duration.ofMillis(100), Duration.ofSeconds(1), 0.5);
        Random random = new Random(1);
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delay(1, random)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(backoff.delay(3, random)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
            assertThat(backoff.delay(40, random)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        }
    }

    @Test
    public void withoutJitterTheDelaysAreExact() {
        Backoff backoff = new Backoff(3, Duration.ofMillis(100), Duration.ofMillis(250), 0);
        assertThat(backoff.delay(2, new Random())).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delay(3, new Random())).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    public void nonsenseIsRefused() {
        assertThatThrownBy(() -> new Backoff(0, Duration.ZERO, Duration.ZERO, 0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new Backoff(1, Duration.ofSeconds(2), Duration.ofSeconds(1), 0))
                .hasMessageContaining("initial <= max");
    }
}
