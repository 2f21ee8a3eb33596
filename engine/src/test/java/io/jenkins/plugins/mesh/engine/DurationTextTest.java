package io.jenkins.plugins.mesh.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.Test;

public class DurationTextTest {

    @Test
    public void readsWhatPeopleWrite() {
        assertThat(DurationText.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationText.parse("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(DurationText.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationText.parse(" 500ms ")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(DurationText.parse("1M")).isEqualTo(Duration.ofMinutes(1));
        assertThat(DurationText.parse("PT2M")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    public void refusesWhatIsAmbiguousOrBroken() {
        for (String bad : new String[] {"5", "", " ", "1x", "m", "1m 30s", "-1m", "1.5m", "1m30", "PTX", null}) {
            assertThatThrownBy(() -> DurationText.parse(bad)).as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("e.g. 30s, 1m");
        }
    }

    @Test
    public void formatsShortestFirstAndRoundTrips() {
        assertThat(DurationText.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(DurationText.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
        assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0s");
        for (String text : new String[] {"1d2h3m4s5ms", "45s", "3h"}) {
            assertThat(DurationText.format(DurationText.parse(text))).isEqualTo(text);
        }
    }
}
