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
 * @param phases the mirror and A/B phases before the steps, and sticky sessions during them ({@link CanaryPhases#NONE}
 *     when null); with a phase, the steps may be empty: the rollout then ends after its phases
 */
public record CanaryPlan(List<Integer> steps, Duration interval, int failureLimit, int inconclusiveLimit,
        EndAction endAction, Duration deadline, AnalysisMode analysisMode, Duration sampleEvery,
        InconclusiveAction onInconclusive, CanaryPhases phases) {

    /** Time between sequential looks when none is set: two scrapes at a 5-second scrape interval. */
    public static final Duration DEFAULT_SAMPLE_EVERY = Duration.ofSeconds(10);

    /** Defaults: 1 failed analysis rolls back; 20 inconclusive in a row at one step roll back. */
    public static final int DEFAULT_FAILURE_LIMIT = 1;
    public static final int DEFAULT_INCONCLUSIVE_LIMIT = 20;

    public CanaryPlan {
        analysisMode = analysisMode == null ? AnalysisMode.FIXED : analysisMode;
        sampleEvery = sampleEvery == null ? DEFAULT_SAMPLE_EVERY : sampleEvery;
        onInconclusive = onInconclusive == null ? InconclusiveAction.RESTORE : onInconclusive;
        phases = phases == null ? CanaryPhases.NONE : phases;
        if (sampleEvery.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("sample-every must be at least 1s, got " + sampleEvery);
        }
        steps = List.copyOf(steps);
        if (steps.isEmpty() && !phases.hasPhaseBeforeSteps()) {
            throw new IllegalArgumentException("a canary needs at least one step weight, e.g. 10,25,50, or a mirror "
                    + "or A/B phase");
        }
        if (steps.isEmpty() && phases.sticky() != null) {
            throw new IllegalArgumentException("sticky sessions keep users on a version during the weighted steps; "
                    + "give steps too, e.g. 10,25,50, or leave sticky sessions out");
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

    /** A plan of weights only. */
    public CanaryPlan(List<Integer> steps, Duration interval, int failureLimit, int inconclusiveLimit,
            EndAction endAction, Duration deadline, AnalysisMode analysisMode, Duration sampleEvery,
            InconclusiveAction onInconclusive) {
        this(steps, interval, failureLimit, inconclusiveLimit, endAction, deadline, analysisMode, sampleEvery,
                onInconclusive, CanaryPhases.NONE);
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
        Duration limit = stages().get(0).duration().plus(interval.multipliedBy(inconclusiveLimit - 1L));
        return deadline.compareTo(limit) < 0 ? deadline : limit;
    }

    /** Room for every step to be analysed up to its inconclusive limit, plus the end. */
    public static Duration defaultDeadline(int stepCount, Duration interval) {
        return interval.multipliedBy((long) (stepCount + 1) * (DEFAULT_INCONCLUSIVE_LIMIT + 1));
    }

    public CanaryPlan withFailureLimit(int limit) {
        return new CanaryPlan(steps, interval, limit, inconclusiveLimit, endAction, deadline, analysisMode, sampleEvery,
                onInconclusive, phases);
    }

    public CanaryPlan withInconclusiveLimit(int limit) {
        return new CanaryPlan(steps, interval, failureLimit, limit, endAction, deadline, analysisMode, sampleEvery,
                onInconclusive, phases);
    }

    public CanaryPlan withDeadline(Duration newDeadline) {
        return new CanaryPlan(steps, interval, failureLimit, inconclusiveLimit, endAction, newDeadline, analysisMode,
                sampleEvery, onInconclusive, phases);
    }

    /** The same plan judged in {@code mode}, looking every {@code every} when sequential (null: the default). */
    public CanaryPlan withAnalysis(AnalysisMode mode, Duration every) {
        return new CanaryPlan(steps, interval, failureLimit, inconclusiveLimit, endAction, deadline, mode, every,
                onInconclusive, phases);
    }

    public CanaryPlan withOnInconclusive(InconclusiveAction action) {
        return new CanaryPlan(steps, interval, failureLimit, inconclusiveLimit, endAction, deadline, analysisMode,
                sampleEvery, action, phases);
    }

    /** The same plan with {@code newPhases} before (and, for sticky sessions, during) its steps. */
    public CanaryPlan withPhases(CanaryPhases newPhases) {
        return new CanaryPlan(steps, interval, failureLimit, inconclusiveLimit, endAction, deadline, analysisMode,
                sampleEvery, onInconclusive, newPhases);
    }

    /**
     * The stretches the rollout judges one after the other: the mirror phase, the A/B phase, then each weighted
     * step, each with the route changes in force during it.
     */
    public List<Stage> stages() {
        List<Stage> stages = new ArrayList<>();
        if (phases.mirror() != null) {
            stages.add(new Stage(Stage.Kind.MIRROR, 0, List.of(phases.mirror().mirror()),
                    phases.mirror().duration()));
        }
        if (phases.match() != null) {
            stages.add(new Stage(Stage.Kind.MATCH, 0, List.of(phases.match().match()), phases.match().duration()));
        }
        List<io.jenkins.plugins.mesh.engine.traffic.RouteChange> during = new ArrayList<>();
        if (phases.match() != null && phases.match().keepDuringSteps()) {
            during.add(phases.match().match());
        }
        if (phases.sticky() != null) {
            during.add(phases.sticky());
        }
        for (int weight : steps) {
            stages.add(new Stage(Stage.Kind.WEIGHT, weight, during, interval));
        }
        return stages;
    }

    /**
     * The share of the service's requests the canary answers in the first stage, in whole percent (a mirror's share
     * rounded up), or 0 when it cannot be known before the rollout runs: an A/B phase takes whatever share of the
     * requests matches.
     */
    public int firstShare() {
        Stage first = stages().get(0);
        return switch (first.kind()) {
            case MIRROR -> (int) Math.ceil(phases.mirror().mirror().percent());
            case MATCH -> 0;
            case WEIGHT -> first.weight();
        };
    }

    /**
     * Room for every stage to be analysed up to its inconclusive limit, plus the end: a step takes its interval,
     * a phase its duration, and each inconclusive analysis one more interval.
     */
    public static Duration defaultDeadline(List<Integer> steps, Duration interval, CanaryPhases phases) {
        CanaryPhases given = phases == null ? CanaryPhases.NONE : phases;
        Duration deadline = defaultDeadline(steps.size(), interval);
        Duration retries = interval.multipliedBy(DEFAULT_INCONCLUSIVE_LIMIT);
        if (given.mirror() != null) {
            deadline = deadline.plus(given.mirror().duration()).plus(retries);
        }
        if (given.match() != null) {
            deadline = deadline.plus(given.match().duration()).plus(retries);
        }
        return deadline;
    }
}
