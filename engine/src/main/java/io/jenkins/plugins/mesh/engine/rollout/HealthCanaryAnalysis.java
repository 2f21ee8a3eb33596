package io.jenkins.plugins.mesh.engine.rollout;

import io.jenkins.plugins.mesh.engine.analysis.Check;
import io.jenkins.plugins.mesh.engine.analysis.CheckRecord;
import io.jenkins.plugins.mesh.engine.analysis.HealthAnalysis;
import io.jenkins.plugins.mesh.engine.analysis.MeshObserver;
import io.jenkins.plugins.mesh.engine.analysis.MetricProvider;
import io.jenkins.plugins.mesh.engine.analysis.MetricException;
import io.jenkins.plugins.mesh.engine.analysis.RequestCounts;
import io.jenkins.plugins.mesh.engine.analysis.StepResult;
import io.jenkins.plugins.mesh.engine.analysis.TrafficSegment;
import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import io.jenkins.plugins.mesh.engine.analysis.VersionSelector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rollout's eyes on real metrics: evaluates the health checks over the time the canary has held its current
 * weight, comparing it with the stable version where a check asks for it.
 */
public final class HealthCanaryAnalysis implements CanaryAnalysis {

    /** Shorter windows carry too few scrapes to mean anything. */
    private static final Duration SHORTEST_WINDOW = Duration.ofSeconds(1);
    /** Evidence older than this is not used: a long rollout must still notice that the canary changed. */
    static final Duration LONGEST_GUARD_WINDOW = Duration.ofMinutes(30);
    /** How far back the pre-flight reads the service's request rate. */
    public static final Duration PRE_FLIGHT_WINDOW = Duration.ofMinutes(1);

    private final HealthAnalysis analysis;
    private final MeshObserver observer;
    private final MetricProvider metrics;
    private final VersionSelector stable;
    private final VersionSelector canary;

    /**
     * @param metrics runs custom PromQL checks; may be null when {@link HealthAnalysis#needsQueries()} is false
     */
    public HealthCanaryAnalysis(HealthAnalysis analysis, MeshObserver observer, MetricProvider metrics,
            VersionSelector stable, VersionSelector canary) {
        if (analysis.needsQueries() && metrics == null) {
            throw new IllegalArgumentException("custom query checks need a Prometheus server: give its URL");
        }
        this.analysis = analysis;
        this.observer = observer;
        this.metrics = metrics;
        this.stable = stable;
        this.canary = canary;
    }

    @Override
    public StepAnalysis analyse(int weight, Instant windowStart, Instant at) {
        return analyse(weight, windowStart, at, windowStart);
    }

    /**
     * Every check over the current step's window; the guards (comparisons with the stable version) also over the
     * whole rollout so far, capped at {@link #LONGEST_GUARD_WINDOW}. Error ratios and latencies per version do not
     * depend on the weight, so evidence from earlier steps counts: a small regression that one step cannot prove
     * becomes provable as the canary gathers traffic, while the step window still sees a regression that started
     * late. A guard's FAIL over either window fails the step.
     */
    @Override
    public StepAnalysis analyse(int weight, Instant windowStart, Instant at, Instant canarySince) {
        return judge(analysis.checks(), List.of(), weight, windowStart, at, canarySince);
    }

    /**
     * {@code checks} over the step's window, their guards also over the rollout so far; {@code sequential} records
     * join them as guards.
     */
    private StepAnalysis judge(List<Check> checks, List<CheckRecord> sequential, int weight, Instant windowStart,
            Instant at, Instant canarySince) {
        List<CheckRecord> records = new ArrayList<>();
        List<Boolean> gates = new ArrayList<>();
        if (!checks.isEmpty()) {
            HealthAnalysis step = new HealthAnalysis(checks, window(windowStart, at), analysis.minRequests());
            records.addAll(step.evaluate(observer, metrics, stable, canary, at).checks());
            checks.forEach(check -> gates.add(check.gatesAdvance()));
            List<Check> guards = checks.stream().filter(check -> !check.gatesAdvance()).toList();
            Instant since = canarySince == null ? windowStart : canarySince;
            if (since.isBefore(at.minus(LONGEST_GUARD_WINDOW))) {
                since = at.minus(LONGEST_GUARD_WINDOW);
            }
            if (!guards.isEmpty() && since.isBefore(windowStart)) {
                HealthAnalysis overRollout = new HealthAnalysis(guards, window(since, at), analysis.minRequests());
                for (CheckRecord record : overRollout.evaluate(observer, metrics, stable, canary, at).checks()) {
                    records.add(record.withCheck(record.check() + " (since the canary started)"));
                    gates.add(false);
                }
            }
        }
        for (CheckRecord record : sequential) {
            records.add(record);
            gates.add(false);
        }
        StepResult result = StepResult.of(at.toString(), records, gates);
        return new StepAnalysis(at, weight, result.verdict(), summaries(result.checks()));
    }

    /**
     * A look as the rollout asks. With stretches to judge (the sequential mode), the guards that have a sequential
     * form are judged over every stretch since the canary started, besides the usual checks at an interval's end.
     * An interim look judges the sequential guards alone: it FAILs as soon as one shows a regression and is
     * INCONCLUSIVE otherwise (the rollout then looks again later, and the interval's end judges the step).
     */
    @Override
    public StepAnalysis analyse(Action.Analyse look) {
        // every stretch since the canary started: the sequential tests start afresh at each stretch, so old evidence
        // does not hide a late regression (SequentialRatioTest), and no stretch may drop out of their weights
        List<TrafficSegment> segments = look.segments();
        if (segments.isEmpty() || !analysis.hasSequentialGuards()) {
            return look.interim() ? new StepAnalysis(look.at(), look.weight(), Verdict.INCONCLUSIVE, List.of())
                    : analyse(look.weight(), look.windowStart(), look.at(), look.canarySince());
        }
        List<CheckRecord> sequential = analysis.lookAt(observer, stable, canary, look.at(), segments);
        if (!look.interim()) {
            // a guard judged sequentially is not judged again by its fixed form: those comparisons, repeated at
            // every interval's end, would add false alarms the always-valid test does not have; the fixed form
            // stands in only when the sequential one could not read its metrics
            List<Check> fixed = new ArrayList<>();
            int next = 0;
            for (Check check : analysis.checks()) {
                if (!HealthAnalysis.judgedSequentially(check)) {
                    fixed.add(check);
                } else if (sequential.get(next++).error() != null) {
                    fixed.add(check);
                }
            }
            return judge(fixed, sequential, look.weight(), look.windowStart(), look.at(), look.canarySince());
        }
        // an interim look only fails: a step that shows no regression keeps its interval, so a canary is watched
        // as long as in the fixed mode before it is promoted (a fault that starts minutes in is still seen)
        Verdict verdict = sequential.stream().anyMatch(record -> record.verdict() == Verdict.FAIL) ? Verdict.FAIL
                : Verdict.INCONCLUSIVE;
        return new StepAnalysis(look.at(), look.weight(), verdict, summaries(sequential));
    }

    /**
     * The pre-flight: the service's current request rate within the last {@link #PRE_FLIGHT_WINDOW} (the stable's
     * and, when the route already sends it some, the canary's) and the requests the first analysis needs.
     */
    @Override
    public TrafficEstimate preFlight(int firstWeight, Instant at) throws MetricException {
        // The canary's share too: a route that already sends it traffic (a held rollout run again) is not idle.
        double rate = observer.requestRate(stable, PRE_FLIGHT_WINDOW, at)
                + observer.requestRate(canary, PRE_FLIGHT_WINDOW, at);
        return new TrafficEstimate(rate, firstWeight,
                Math.max(1, analysis.minRequests()));
    }

    private static List<CheckSummary> summaries(List<CheckRecord> records) {
        List<CheckSummary> checks = new ArrayList<>();
        for (CheckRecord record : records) {
            String detail = record.error() != null ? record.error() : record.reason();
            checks.add(new CheckSummary(record.check(), finite(record.value()), record.threshold(), record.verdict(),
                    detail));
        }
        return checks;
    }

    private static Duration window(Instant from, Instant to) {
        Duration window = Duration.between(from, to);
        return window.compareTo(SHORTEST_WINDOW) < 0 ? SHORTEST_WINDOW : window;
    }

    /** JSON has no NaN or infinity; a value that is not a number is no value. */
    private static Double finite(Double value) {
        return value == null || value.isNaN() || value.isInfinite() ? null : value;
    }
}
