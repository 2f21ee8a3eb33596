package io.jenkins.plugins.mesh.engine.rollout;

import io.jenkins.plugins.mesh.engine.traffic.RoutePreview;
import java.util.List;

/**
 * What one stage of a rollout would write, for a dry run: a sentence, then the diffs of the route.
 *
 * @param title e.g. {@code mirror phase: mirror 10% of requests to the canary, for 5m until its analysis}
 * @param diffs the diffs, in the order they would be written
 */
public record StagePreview(String title, List<RoutePreview> diffs) {

    public StagePreview {
        diffs = List.copyOf(diffs);
    }
}
