package io.jenkins.plugins.mesh.engine.traffic;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A change to a route beyond its weights, which Mesh Pipeline adds during a rollout and takes away exactly: an A/B
 * route ({@link MatchRoute}), a mirror to the canary ({@link CanaryMirror}) or sticky sessions
 * ({@link StickySessions}). A route carries at most one change of each {@link #kind()}. Each is an immutable value
 * that round-trips through JSON, so the route's Lease can record what was added (see {@link AppliedChange}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = MatchRoute.class, name = MatchRoute.KIND),
    @JsonSubTypes.Type(value = CanaryMirror.class, name = CanaryMirror.KIND),
    @JsonSubTypes.Type(value = StickySessions.class, name = StickySessions.KIND)
})
public sealed interface RouteChange permits MatchRoute, CanaryMirror, StickySessions {

    /** {@code match}, {@code mirror} or {@code sticky}: a route holds at most one change of each kind. */
    String kind();

    /** The change in words, for logs and Events, e.g. {@code mirror 10% of requests to the canary}. */
    String describe();
}
