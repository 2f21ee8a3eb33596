package io.jenkins.plugins.mesh.simulator.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mesh.simulator.ApiFault;
import org.junit.Test;

/**
 * R1: canaries through 30% injected API faults with someone else editing the same VirtualService. 40 runs here; the
 * full 1,000 with {@code -Dmesh.resilience.runs=1000} (docs/reliability.md).
 */
public class FaultCampaignTest {

    static int runs(int reduced) {
        return Integer.getInteger("mesh.resilience.runs", reduced);
    }

    @Test
    public void everyRunEndsRestoredPromotedOrDurablyPendingAndNoEditIsLost() throws Exception {
        FaultCampaignFigures figures = new FaultCampaign(FaultCampaign.Settings.of(runs(40))).run();
        System.out.println("R1 " + figures.summary());
        assertThat(figures.violations()).isEmpty();
        assertThat(figures.clobbered()).isZero();
        assertThat(figures.allGuaranteesHeld()).as(figures.summary()).isTrue();
        // The campaign must have exercised what it claims to.
        for (ApiFault fault : ApiFault.values()) {
            assertThat(figures.faults().get(fault)).as(fault.name()).isPositive();
        }
        assertThat(figures.actorEdits()).isPositive();
        assertThat(figures.promoted()).isPositive();
        assertThat(figures.restored()).isPositive();
        assertThat(figures.pending()).as("outage runs end pending").isPositive();
        assertThat(figures.completedByRollback()).isEqualTo(figures.pending());
    }
}
