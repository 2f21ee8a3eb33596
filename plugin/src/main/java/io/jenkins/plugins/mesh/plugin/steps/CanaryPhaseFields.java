package io.jenkins.plugins.mesh.plugin.steps;

import hudson.AbortException;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.mesh.engine.rollout.AfterMatch;
import io.jenkins.plugins.mesh.engine.rollout.PhaseOptions;
import io.jenkins.plugins.mesh.engine.traffic.CanaryMirror;
import io.jenkins.plugins.mesh.engine.traffic.MatchRoute;
import io.jenkins.plugins.mesh.engine.traffic.StickySessions;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * meshCanary's phase parameters as a Pipeline or the form gives them (text), read into the engine's
 * {@link PhaseOptions}, and the form's checks, which ask the engine's own types. Reading only: what the values mean and
 * whether they fit together is the engine's.
 */
final class CanaryPhaseFields {

    private CanaryPhaseFields() {
    }

    /**
     * The engine's options from the step's parameters.
     *
     * @throws AbortException when {@code mirror} is not a number
     */
    static PhaseOptions options(String mirror, String mirrorFor, String match, String matchFor, String afterMatch,
            String sticky) throws AbortException {
        return new PhaseOptions(mirrorPercent(mirror), mirrorFor, matchLines(match), matchFor, afterMatch, sticky);
    }

    /** A/B conditions typed one a line; blank lines are ignored. */
    static List<String> matchLines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip)
                .filter(line -> !line.isEmpty()).toList();
    }

    /** A mirrored share as typed ({@code 10}, {@code 0.5}, {@code 10%}), or null; the engine checks its range. */
    static Double mirrorPercent(String text) throws AbortException {
        String value = Util.fixEmptyAndTrim(text);
        if (value == null) {
            return null;
        }
        String number = value.endsWith("%") ? value.substring(0, value.length() - 1).strip() : value;
        try {
            return Double.valueOf(number);
        } catch (NumberFormatException e) {
            throw new AbortException(Messages.MeshCanaryStep_BadMirror(value));
        }
    }

    /** The choices after the A/B phase; blank first: the engine's default (keep the A/B route during the steps). */
    static ListBoxModel afterMatchItems() {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.MeshCanaryStep_AfterMatchDefault(), "");
        items.add(Messages.MeshCanaryStep_AfterMatchEnd(), MeshCanaryStep.word(AfterMatch.END));
        items.add(Messages.MeshCanaryStep_AfterMatchKeep(), MeshCanaryStep.word(AfterMatch.KEEP));
        items.add(Messages.MeshCanaryStep_AfterMatchRemove(), MeshCanaryStep.word(AfterMatch.REMOVE));
        return items;
    }

    /** The mirrored share, read as the step reads it, checked by the engine (more than 0, at most 100). */
    static FormValidation checkMirror(String value) {
        try {
            Double percent = mirrorPercent(value);
            if (percent != null) {
                new CanaryMirror(percent);
            }
            return FormValidation.ok();
        } catch (AbortException | IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** The A/B conditions, one a line, with the engine's message for the first bad one. */
    static FormValidation checkMatch(String value) {
        return accepted(value, text -> MatchRoute.parse(matchLines(text)));
    }

    /** The sticky cookie's name, checked by the engine (an HTTP token). */
    static FormValidation checkSticky(String value) {
        return accepted(value, StickySessions::cookie);
    }

    /** OK when the field is blank or the engine accepts it; else the engine's message. */
    private static FormValidation accepted(String value, Consumer<String> engine) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return FormValidation.ok();
        }
        try {
            engine.accept(text);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
