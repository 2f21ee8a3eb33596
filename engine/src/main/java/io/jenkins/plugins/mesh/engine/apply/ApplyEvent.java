package io.jenkins.plugins.mesh.engine.apply;

import java.time.Instant;

/** A line of an apply's timeline: what happened, when. */
public record ApplyEvent(Instant at, String message) {
}
