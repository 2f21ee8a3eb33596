package io.jenkins.plugins.mesh.engine.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The checks a rollout runs after each traffic step, over one window, and how much traffic they need. Evaluating it
 * reads the metrics (no clock of its own: the caller says when) and yields a {@link StepResult} with one
 * {@link CheckRecord} per check. A metric backend error makes that check INCONCLUSIVE with the error recorded;
 * it never throws for one. Comparisons with the stable version guard rather than gate (see
 * {@link Check#gatesAdvance()}): the step passes when no check failed and every gate passed.
 *
 * @param checks the checks, in report order; at least one
 * @param window how far back each evaluation looks, e.g. 60 s; at least 4 scrape intervals
 * @param minRequests fewer requests than this (per version judged) make a check inconclusive
 */
public record HealthAnalysis(List<Check> checks, Duration window, double minRequests) {

    /** The window when the user sets none (Flagger's default interval). */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);
    /** The minimum requests when the user sets none. */
    public static final double DEFAULT_MIN_REQUESTS = 50;

    public HealthAnalysis {
        checks = List.copyOf(checks);
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("an analysis needs at least one check, e.g. success-rate>=99");
        }
        Objects.requireNonNull(window, "window");
        if (window.toMillis() < 1000) {
            throw new IllegalArgumentException("the analysis window must be at least 1s, got " + window);
        }
        if (!(minRequests >= 0) || Double.isInfinite(minRequests)) {
            throw new IllegalArgumentException("minimum requests must be a number >= 0, got " + minRequests);
        }
    }

    /** Parses the checks' text forms ({@link CheckSpecs}). */
    public static HealthAnalysis of(List<String> specs, Duration window, double minRequests) {
        return new HealthAnalysis(CheckSpecs.parseAll(specs), window, minRequests);
    }

    /** The same checks over another window, e.g. the time the canary has held its current weight. */
    public HealthAnalysis withWindow(Duration newWindow) {
        return new HealthAnalysis(checks, newWindow, minRequests);
    }

    /** Whether any check runs its own PromQL and so needs a {@link MetricProvider}. */
    public boolean needsQueries() {
        return checks.stream().anyMatch(CustomQueryCheck.class::isInstance);
    }

    /**
     * Evaluates every check over the window ending at {@code at}.
     *
     * @param observer reads requests and latency per version
     * @param metrics runs custom queries; may be {@code null} when {@link #needsQueries()} is false
     * @param stable the version serving today
     * @param canary the version under test
     * @param at the end of the window
     */
    public StepResult evaluate(MeshObserver observer, MetricProvider metrics, VersionSelector stable,
            VersionSelector canary, Instant at) {
        CheckContext context = new CheckContext(new MemoizedMeshObserver(observer), metrics, stable, canary, window,
                minRequests, at);
        List<CheckRecord> records = new ArrayList<>();
        List<Boolean> gates = new ArrayList<>();
        for (Check check : checks) {
            gates.add(check.gatesAdvance());
            try {
                records.add(check.evaluate(context));
            } catch (MetricException e) {
                records.add(CheckRecord.metricError(check, context, e));
            }
        }
        return StepResult.of(at.toString(), records, gates);
    }

    /** The name a sequential look's record carries: the check's spec with this note. */
    public static final String SEQUENTIAL_NOTE = " (sequential)";

    /** Whether any guard can be judged sequentially ({@link SequentialGuard}). */
    public boolean hasSequentialGuards() {
        return checks.stream().anyMatch(HealthAnalysis::judgedSequentially);
    }

    /** Whether {@link #lookAt} judges this check: a guard with a sequential form. */
    public static boolean judgedSequentially(Check check) {
        return check instanceof SequentialGuard && !check.gatesAdvance();
    }

    /**
     * Judges every guard that has a sequential form over all the stretches since the canary started, one record
     * each, named with {@link #SEQUENTIAL_NOTE}. A metric error makes that record INCONCLUSIVE.
     *
     * @param segments stretches of constant weight, oldest first, the last ending at {@code at}; not empty
     */
    public List<CheckRecord> lookAt(MeshObserver observer, VersionSelector stable, VersionSelector canary,
            Instant at, List<TrafficSegment> segments) {
        Duration span = Duration.between(segments.get(0).from(), at);
        CheckContext context = new CheckContext(new MemoizedMeshObserver(observer), null, stable, canary,
                span.toMillis() < 1 ? Duration.ofMillis(1) : span, minRequests, at);
        List<CheckRecord> records = new ArrayList<>();
        for (Check check : checks) {
            if (judgedSequentially(check) && check instanceof SequentialGuard guard) {
                CheckRecord record;
                try {
                    record = guard.lookAt(context, segments);
                } catch (MetricException e) {
                    record = CheckRecord.metricError(check, context, e);
                }
                records.add(record.withCheck(check.spec() + SEQUENTIAL_NOTE));
            }
        }
        return records;
    }

    /** The checks' text forms, for persisting the analysis. */
    public List<String> specs() {
        return checks.stream().map(Check::spec).toList();
    }
}
