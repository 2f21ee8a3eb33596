package io.jenkins.plugins.mesh.engine.rollout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a canary advances: the canary weights of its steps, the time between a step and its analysis, how many failed
 * and inconclusive analyses it tolerates, what happens at the end, and how long the whole rollout may take.
 *
 * @param steps canary weights in percent, strictly increasing, each 1..100
 * @param interval time from a weight change to the first analysis, and between analyses
 * @param failureLimit failed analyses (over the whole rollout) that roll it back, at least 1
 * @param inconclusiveLimit inconclusive analyses in a row, at one step, that roll it back, at least 1
 * @param endAction promote or hold once the last step passed
 * @param deadline the longest the rollout may run before it is rolled back
 * @param analysisMode when the canary is judged: once per interval, or every {@code sampleEvery}
 * @param sampleEvery time between sequential looks at the metrics (ignored by the fixed mode)
 * @param onInconclusive what the routes become when the analyses cannot judge the canary
 */
public record CanaryPlan(List<Integer> steps, Duration interval, int failureLimit, int inconclusiveLimit,
        EndAction endAction, Duration deadline, AnalysisMode analysisMode, Duration sampleEvery,
        InconclusiveAction onInconclusive) {

    /** Time between sequential looks when none is set: two scrapes at a 5-second scrape interval. */
    public static final Duration DEFAULT_SAMPLE_EVERY = Duration.ofSeconds(10);

    /** Defaults: 1 failed analysis rolls back; 20 inconclusive in a row at one step roll back. */
    public static final int DEFAULT_FAILURE_LIMIT = 1;
    public static final int DEFAULT_INCONCLUSIVE_LIMIT = 20;

    public CanaryPlan {
        analysisMode = analysisMode == null ? AnalysisMode.FIXED : analysisMode;
        sampleEvery = sampleEvery == null ? DEFAULT_SAMPLE_EVERY : sampleEvery;
        onInconclusive = onInconclusive == null ? InconclusiveAction.RESTORE : onInconclusive;
        if (sampleEvery.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("sample-every must be at least 1s, got " + sampleEvery);
        }
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a canary needs at least one step weight, e.g. 10,25,50");
        }
        int previous = 0;
        for (int weight : steps) {
            if (weight < 1 || weight > 100) {
                throw new IllegalArgumentException("step weight " + weight + " is outside 1..100");
            }
            if (weight <= previous) {
                throw new IllegalArgumentException("step weights must increase: " + steps);
            }
            previous = weight;
        }
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the analysis interval must be positive, got " + interval);
        }
        if (failureLimit < 1) {
            throw new IllegalArgumentException("failureLimit must be at least 1, got " + failureLimit);
        }
        if (inconclusiveLimit < 1) {
            throw new IllegalArgumentException("inconclusiveLimit must be at least 1, got " + inconclusiveLimit);
        }
        if (endAction == null) {
            throw new IllegalArgumentException("endAction must be PROMOTE or HOLD");
        }
        if (deadline == null || deadline.compareTo(interval) < 0) {
            throw new IllegalArgumentException("the deadline (" + deadline + ") must be at least one interval ("
                    + interval + ")");
        }
    }

    /** A plan judged once per interval, whose inconclusive end restores the routes. */
    public CanaryPlan(List<Integer> steps, Duration interval, int failureLimit, int inconclusiveLimit,
            EndAction endAction, Duration deadline) {
        this(steps, interval, failureLimit, inconclusiveLimit, endAction, deadline, AnalysisMode.FIXED, null, null);
    }

    /** A plan with explicit weights and the default limits; the deadline allows every step plenty of retries. */
    public static CanaryPlan of(List<Integer> steps, Duration interval, EndAction endAction) {
        return new CanaryPlan(steps, interval, DEFAULT_FAILURE_LIMIT, DEFAULT_INCONCLUSIVE_LIMIT, endAction,
                defaultDeadline(steps.size(), interval));
    }

    /** Weights stepWeight, 2 x stepWeight, ... up to maxWeight (Flagger's stepWeight / maxWeight). */
    public static List<Integer> linearSteps(int stepWeight, int maxWeight) {
        if (stepWeight < 1 || maxWeight < stepWeight || maxWeight > 100) {
            throw new IllegalArgumentException("need 1 <= stepWeight <= maxWeight <= 100, got stepWeight="
                    + stepWeight + ", maxWeight=" + maxWeight);
        }
        List<Integer> steps = new ArrayList<>();
        for (int weight = stepWeight; weight <= maxWeight; weight += stepWeight) {
            steps.add(weight);
        }
        if (steps.get(steps.size() - 1) != maxWeight) {
            steps.add(maxWeight);
        }
        return steps;
    }

    /**
     * The longest the first step can wait for the traffic its analysis needs: its inconclusive limit (one analysis
     * per interval) or the deadline, whichever comes first. The traffic pre-flight compares its estimate with it.
     */
    public Duration firstStepPatience() {
        Duration limit = interval.multipliedBy(inconclusiveLimit);
        return deadline.compareTo(limit) < 0 ? deadline : limit;
    }

    /** Room for every step to be analysed up to its inconclusive limit, plus the end. */
    public static Duration defaultDeadline(int stepCount, Duration interval) {
        return interval.multipliedBy((long) (stepCount + 1) * (DEFAULT_INCONCLUSIVE_LIMIT + 1));
    }

    public CanaryPlan withFailureLimit(int limit) {
        return new CanaryPlan(steps, interval, limit, inconclusiveLimit, endAction, deadline, analysisMode, sampleEvery,
                onInconclusive);
    }

    public CanaryPlan withInconclusiveLimit(int limit) {
        return new CanaryPlan(steps, interval, failureLimit, limit, endAction, deadline, analysisMode, sampleEvery,
                onInconclusive);
    }

    public CanaryPlan withDeadline(Duration newDeadline) {
        return new CanaryPlan(steps, interval, failureLimit, inconclusiveLimit, endAction, newDeadline, analysisMode,
                sampleEvery, onInconclusive);
    }

    /** The same plan judged in {@code mode}, looking every {@code every} when sequential (null: the default). */
    public CanaryPlan withAnalysis(AnalysisMode mode, Duration every) {
        return new CanaryPlan(steps, interval, failureLimit, inconclusiveLimit, endAction, deadline, mode, every,
                onInconclusive);
    }

    public CanaryPlan withOnInconclusive(InconclusiveAction action) {
        return new CanaryPlan(steps, interval, failureLimit, inconclusiveLimit, endAction, deadline, analysisMode,
                sampleEvery, action);
    }

    public int lastWeight() {
        return steps.get(steps.size() - 1);
    }
}
