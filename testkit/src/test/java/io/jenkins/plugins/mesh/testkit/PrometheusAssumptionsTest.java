package io.jenkins.plugins.mesh.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.AssumptionViolatedException;
import org.junit.Test;

public class PrometheusAssumptionsTest {

    @Test
    public void aMissingPrometheusFailsOnlyWhenTheProjectAsksForIt() {
        assertThatThrownBy(() -> PrometheusAssumptions.check(false, Map.of("MESH_REQUIRE_PROMETHEUS", "true")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("MESH_REQUIRE_PROMETHEUS=true");
        // ci.jenkins.io sets CI=true and has no Prometheus: those tests are skipped there
        assertThatThrownBy(() -> PrometheusAssumptions.check(false, Map.of("CI", "true")))
                .isInstanceOf(AssumptionViolatedException.class).hasMessageContaining("apt-get install prometheus");
        assertThatThrownBy(() -> PrometheusAssumptions.check(false, Map.of()))
                .isInstanceOf(AssumptionViolatedException.class);
        assertThatCode(() -> PrometheusAssumptions.check(true, Map.of("MESH_REQUIRE_PROMETHEUS", "true")))
                .doesNotThrowAnyException();
    }
}
