package io.jenkins.plugins.mesh.engine.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mesh.engine.analysis.Reporter;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import java.time.Duration;
import java.util.List;
import org.junit.Test;

/** The phase options as users type them: defaults, and contradictions refused with what to write instead. */
public class PhaseOptionsTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    public void phasesDefaultToOneIntervalAndTheAbRouteEndsOrIsKeptByWhetherStepsFollow() {
        PhaseOptions options = new PhaseOptions(10.0, null, List.of("header:x-canary=true", ""), "5m", null,
                "mesh-canary");
        CanaryPhases phases = options.phases(MINUTE, List.of(10, 50));
        assertThat(phases.mirror().duration()).isEqualTo(MINUTE);
        assertThat(phases.mirror().mirror().percent()).isEqualTo(10.0);
        assertThat(phases.match().duration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(phases.match().keepDuringSteps()).isTrue();
        assertThat(phases.sticky().cookie()).isEqualTo("mesh-canary");

        PhaseOptions abOnly = new PhaseOptions(null, null, List.of("cookie:beta=1"), null, null, null);
        assertThat(abOnly.endsAfterMatch(false)).isTrue();
        assertThat(abOnly.phases(MINUTE, List.of()).match().keepDuringSteps()).isFalse();
        assertThat(new PhaseOptions(null, null, List.of("cookie:beta=1"), null, "remove", null)
                .phases(MINUTE, List.of(50)).match().keepDuringSteps()).isFalse();
        assertThat(PhaseOptions.NONE.phases(MINUTE, List.of(10))).isEqualTo(CanaryPhases.NONE);
    }

    @Test
    public void contradictionsAndBadValuesSayWhatToWrite() {
        assertThatThrownBy(() -> new PhaseOptions(null, "5m", List.of(), null, null, null).phases(MINUTE,
                List.of(10))).hasMessage("mirror-for 5m without mirror: give the share to mirror too, e.g. mirror 10");
        assertThatThrownBy(() -> new PhaseOptions(null, null, List.of(), null, "keep", null).phases(MINUTE,
                List.of(10))).hasMessageStartingWith("after-match without match");
        assertThatThrownBy(() -> new PhaseOptions(null, null, List.of("header:x=1"), null, "end", null)
                .phases(MINUTE, List.of(10))).hasMessageContaining("leave the steps out");
        assertThatThrownBy(() -> new PhaseOptions(null, null, List.of("header:x=1"), null, "keep", null)
                .phases(MINUTE, List.of())).hasMessageContaining("give them, e.g. steps 10,25,50");
        assertThatThrownBy(() -> new PhaseOptions(null, null, List.of("header:x=1"), null, "sometimes", null)
                .phases(MINUTE, List.of(10))).hasMessageContaining("'end', 'keep' or 'remove'");
        assertThatThrownBy(() -> new PhaseOptions(150.0, null, List.of(), null, null, null).phases(MINUTE,
                List.of(10))).hasMessageContaining("at most 100 percent");
        assertThatThrownBy(() -> new PhaseOptions(10.0, "soon", List.of(), null, null, null).phases(MINUTE,
                List.of(10))).hasMessageStartingWith("mirror-for: ");
        assertThatThrownBy(() -> new PhaseOptions(null, null, List.of("query:x=1"), null, null, null)
                .phases(MINUTE, List.of())).hasMessageContaining("does not start with header: or cookie:");
        assertThatThrownBy(() -> new PhaseOptions(null, null, List.of(), null, null, "bad cookie")
                .phases(MINUTE, List.of(10))).hasMessageContaining("is not a valid cookie name");
    }

    @Test
    public void aMirrorPhaseNeedsTheDestinationReporterAndARequestRoundTripsWithItsPhases() {
        CanaryPhases mirror = new PhaseOptions(5.0, null, List.of(), null, null, null).phases(MINUTE, List.of(10));
        CanaryRequest request = CanaryRequest.of(RouteKind.VIRTUAL_SERVICE, "shop", "reviews", "v1", "v2",
                List.of(10)).withPhases(mirror);
        assertThat(request.plan().phases()).isEqualTo(mirror);
        RolloutStateJson json = new RolloutStateJson();
        assertThat(json.readRequest(json.write(request))).isEqualTo(request);
        assertThatThrownBy(() -> new CanaryRequest(RouteKind.VIRTUAL_SERVICE, "shop", "reviews", null, "v1", "v2",
                List.of(10), MINUTE, null, 10, null, Reporter.SOURCE, null, 0, 0, null, false, null, null, null,
                mirror)).hasMessageContaining("a mirror phase needs the reporter destination");
    }
}
