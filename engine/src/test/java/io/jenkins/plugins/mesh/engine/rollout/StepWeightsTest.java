package io.jenkins.plugins.mesh.engine.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.Test;

public class StepWeightsTest {

    @Test
    public void readsCommasAndSpacesAndWritesWhatItReads() {
        assertThat(StepWeights.parse("10, 25,50")).containsExactly(10, 25, 50);
        assertThat(StepWeights.parse(" 5 20  100 ")).containsExactly(5, 20, 100);
        assertThat(StepWeights.parse(StepWeights.format(List.of(1, 2, 3)))).containsExactly(1, 2, 3);
        assertThat(StepWeights.format(List.of(10, 25, 50))).isEqualTo("10, 25, 50");
    }

    @Test
    public void namesWhatIsWrong() {
        assertThatThrownBy(() -> StepWeights.parse("10, ten")).hasMessageContaining("'ten' is not a whole number");
        assertThatThrownBy(() -> StepWeights.parse("50, 20")).hasMessageContaining("step weights must increase");
        assertThatThrownBy(() -> StepWeights.parse("10, 120")).hasMessageContaining("outside 1..100");
        assertThatThrownBy(() -> StepWeights.parse("")).hasMessageContaining("at least one step weight");
    }
}
