package io.jenkins.plugins.mesh.engine.apply;

import java.time.Instant;
import java.util.List;

/** The apply's eyes: judges the routed services' health after the change against before it. */
@FunctionalInterface
public interface HealthGate {

    /** Passes every time; for applies without checks. */
    HealthGate NONE = (services, changedAt, at) -> new GateRecord(at, io.jenkins.plugins.mesh.engine.analysis.Verdict.PASS,
            "no checks");

    /**
     * Analyses {@code services} from {@code changedAt} to {@code at} against the same span before
     * {@code changedAt}. Metric errors may be thrown; the apply counts them as inconclusive, never as a pass.
     */
    GateRecord analyse(List<RoutedService> services, Instant changedAt, Instant at) throws Exception;
}
