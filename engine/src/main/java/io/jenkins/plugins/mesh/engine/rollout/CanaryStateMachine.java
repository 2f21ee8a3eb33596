package io.jenkins.plugins.mesh.engine.rollout;

import io.jenkins.plugins.mesh.engine.rollout.Action.Acquire;
import io.jenkins.plugins.mesh.engine.rollout.Action.Analyse;
import io.jenkins.plugins.mesh.engine.rollout.Action.Finish;
import io.jenkins.plugins.mesh.engine.rollout.Action.Hold;
import io.jenkins.plugins.mesh.engine.rollout.Action.Promote;
import io.jenkins.plugins.mesh.engine.rollout.Action.Restore;
import io.jenkins.plugins.mesh.engine.rollout.Action.SetWeight;
import io.jenkins.plugins.mesh.engine.rollout.Action.WaitUntil;
import io.jenkins.plugins.mesh.engine.rollout.Observation.AbortRequested;
import io.jenkins.plugins.mesh.engine.rollout.Observation.ActionFailed;
import io.jenkins.plugins.mesh.engine.rollout.Observation.Analysed;
import io.jenkins.plugins.mesh.engine.rollout.Observation.Held;
import io.jenkins.plugins.mesh.engine.rollout.Observation.Promoted;
import io.jenkins.plugins.mesh.engine.rollout.Observation.Restored;
import io.jenkins.plugins.mesh.engine.rollout.Observation.Started;
import io.jenkins.plugins.mesh.engine.rollout.Observation.WeightApplied;
import io.jenkins.plugins.mesh.engine.rollout.TimelineEvent.Type;
import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import io.jenkins.plugins.mesh.engine.rollout.Action.PreFlight;
import io.jenkins.plugins.mesh.engine.rollout.Observation.TrafficEstimated;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The canary's decisions, as a pure function: given the state, what just happened and the time, it returns the
 * next state and the one action to perform. No I/O, no clock of its own, no threads: a driver performs the action
 * and reports back, so the same logic runs under Jenkins, the command line, tests with a fake clock and benchmarks.
 *
 * <p>Safety rules: once anything may have been written, every way out (failed check, abort, deadline, error)
 * goes through RESTORING; a restore that keeps failing ends as RESTORE_PENDING, never silently.
 */
public final class CanaryStateMachine {

    /** Restore attempts (each already retried by the I/O layer) before the rollout ends as RESTORE_PENDING. */
    public static final int MAX_RESTORE_ATTEMPTS = 5;
    private static final Duration FIRST_RESTORE_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_RESTORE_BACKOFF = Duration.ofSeconds(30);

    /** Decides what comes next. */
    public Decision next(RolloutState state, Observation observation, Instant now) {
        if (state.phase().isTerminal()) {
            return new Decision(state, new Finish(state.outcome()));
        }
        if (observation instanceof AbortRequested abort) {
            return abort(state, abort, now);
        }
        if (isDeadlinePassed(state, now)) {
            boolean nothingKnown = state.failures() == 0 && (state.lastAnalysis() == null
                    || state.lastAnalysis().verdict() == Verdict.INCONCLUSIVE);
            String reason = "the deadline of " + human(state.plan().deadline()) + " passed " + state.where()
                    + " before the canary was judged healthy";
            return nothingKnown
                    ? restore(state, Outcome.INCONCLUSIVE, reason + "; the analyses could not judge it"
                            + lastWords(state.lastAnalysis()) + "; " + TrafficEstimate.advice(), now)
                    : restore(state, Outcome.ROLLED_BACK, reason, now);
        }
        return switch (state.phase()) {
            case STARTING -> starting(state, observation, now);
            case SHIFTING -> shifting(state, observation, now);
            case WAITING -> waiting(state, now);
            case ANALYSING -> analysing(state, observation, now);
            case PROMOTING -> promoting(state, observation, now);
            case HOLDING -> holding(state, observation, now);
            case RESTORING -> restoring(state, observation, now);
            case DONE -> throw new IllegalStateException("unreachable");
        };
    }

    /** The action a state asks for, without any new observation: what a resumed driver does first. */
    public Decision resume(RolloutState state, Instant now) {
        return next(state, new Observation.Tick(), now);
    }

    private Decision starting(RolloutState state, Observation observation, Instant now) {
        boolean estimated = state.timeline().stream().anyMatch(event -> event.type() == Type.PREFLIGHT);
        if (observation instanceof TrafficEstimated traffic) {
            return preFlown(state, traffic.estimate(), now);
        }
        if (!estimated && observation instanceof ActionFailed failed) {
            RolloutState next = state.toBuilder().event(now, Type.PREFLIGHT, 0, "could not read the service's "
                    + "traffic before starting (" + failed.message() + "); going on without an estimate").build();
            return new Decision(next, new Acquire());
        }
        if (!estimated) {
            int share = state.plan().firstShare();
            if (share == 0) {
                RolloutState next = state.toBuilder().event(now, Type.PREFLIGHT, 0, "the share of requests the A/B "
                        + "match takes is not known before it runs; going on without an estimate").build();
                return new Decision(next, new Acquire());
            }
            return new Decision(state, new PreFlight(share, now));
        }
        if (observation instanceof Started) {
            RolloutState started = state.toBuilder()
                    .event(now, Type.STARTED, 0, "took the route's lease and stored its snapshot")
                    .phase(Phase.SHIFTING).stepIndex(0).build();
            return new Decision(started, enter(started));
        }
        if (observation instanceof ActionFailed failed) {
            return finish(state.toBuilder().event(now, Type.ERROR, 0, failed.message()), Outcome.NOT_STARTED,
                    "could not start: " + failed.message() + " (nothing was written)", now);
        }
        return new Decision(state, new Acquire());
    }

    /** The pre-flight's verdict: stop before anything is written when the first step could never be judged in time. */
    private Decision preFlown(RolloutState state, TrafficEstimate estimate, Instant now) {
        CanaryPlan plan = state.plan();
        if (estimate == null) {
            RolloutState next = state.toBuilder().event(now, Type.PREFLIGHT, 0,
                    "the service's traffic could not be estimated; going on").build();
            return new Decision(next, new Acquire());
        }
        // The first step gives up at its inconclusive limit (an analysis per interval) or at the deadline.
        Duration patience = plan.firstStepPatience();
        String limit = patience.equals(plan.deadline()) ? "the deadline of " + human(plan.deadline())
                : plan.inconclusiveLimit() + " inconclusive analyses, one per interval of " + human(plan.interval())
                        + " (" + human(patience) + ")";
        if (!estimate.fits(patience)) {
            return finish(state.toBuilder().event(now, Type.PREFLIGHT, 0, estimate.describe()), Outcome.NOT_STARTED,
                    "the pre-flight found that " + estimate.describe() + ", more than the first step may wait: "
                            + limit + " (nothing was written); " + TrafficEstimate.advice(), now);
        }
        Duration time = estimate.timeToJudge();
        String message = time.compareTo(plan.interval()) > 0
                ? estimate.describe() + ", longer than the interval of " + human(plan.interval())
                        + ": its analyses will be inconclusive until then (it fits " + limit + ")"
                : estimate.describe();
        return new Decision(state.toBuilder().event(now, Type.PREFLIGHT, 0, message).build(), new Acquire());
    }

    private Decision shifting(RolloutState state, Observation observation, Instant now) {
        Stage stage = state.stage();
        if (observation instanceof WeightApplied applied && applied.weight() == state.stepWeight()) {
            RolloutState waiting = state.toBuilder()
                    .event(now, Type.WEIGHT_SET, applied.weight(), entered(state, stage, applied.weight()))
                    .weight(applied.weight()).stepStartedAt(now).inconclusiveInARow(0).lookAt(null)
                    .phase(Phase.WAITING).nextAt(now.plus(stage.duration())).build();
            return waiting(waiting, now);
        }
        if (observation instanceof ActionFailed failed) {
            String what = stage.kind() == Stage.Kind.WEIGHT ? "set the canary to " + state.stepWeight() + "%"
                    : "start the " + stage.label(state.plan().phases()) + " phase";
            return restore(state.toBuilder().event(now, Type.ERROR, state.weight(), failed.message()).build(),
                    Outcome.ROLLED_BACK, "could not " + what + ": " + failed.message(), now);
        }
        return new Decision(state, enter(state));
    }

    private Decision waiting(RolloutState state, Instant now) {
        if (now.isBefore(state.nextAt())) {
            if (isSequential(state)) {
                Instant look = state.lookAt() != null ? state.lookAt()
                        : state.stepStartedAt().plus(state.plan().sampleEvery());
                if (!now.isBefore(look)) {
                    RolloutState looking = state.toBuilder().phase(Phase.ANALYSING).build();
                    return new Decision(looking, analyse(looking, now));
                }
                return new Decision(state, new WaitUntil(look.isBefore(state.nextAt()) ? look : state.nextAt()));
            }
            return new Decision(state, new WaitUntil(state.nextAt()));
        }
        RolloutState analysing = state.toBuilder().phase(Phase.ANALYSING).build();
        return new Decision(analysing, analyse(analysing, now));
    }

    private Decision analysing(RolloutState state, Observation observation, Instant now) {
        StepAnalysis analysis;
        boolean interim = state.nextAt() != null && now.isBefore(state.nextAt()) && isSequential(state);
        if (observation instanceof Analysed analysed && analysed.analysis().weight() == state.weight()) {
            analysis = analysed.analysis();
            interim = analysis.at().isBefore(state.nextAt());
        } else if (interim && observation instanceof ActionFailed) {
            return lookAgain(state, now);
        } else if (observation instanceof ActionFailed failed) {
            analysis = StepAnalysis.unavailable(now, state.weight(), failed.message());
        } else {
            return new Decision(state, analyse(state, now));
        }
        if (interim && analysis.verdict() == Verdict.INCONCLUSIVE) {
            return lookAgain(state, now);
        }
        if (state.stage().kind() != Stage.Kind.WEIGHT) {
            analysis = analysis.inPhase(state.stage().label(state.plan().phases()));
        }
        RolloutState.Builder next = state.toBuilder().analysis(analysis)
                .event(now, Type.ANALYSIS, state.weight(), (interim ? "sequential look: " : "") + describe(analysis));
        CanaryPlan plan = state.plan();
        switch (analysis.verdict()) {
            case PASS -> {
                next.inconclusiveInARow(0);
                if (state.isLastStep()) {
                    if (plan.endAction() == EndAction.PROMOTE) {
                        return new Decision(next.phase(Phase.PROMOTING).build(), new Promote());
                    }
                    return new Decision(next.phase(Phase.HOLDING).build(), new Hold());
                }
                RolloutState shifting = next.phase(Phase.SHIFTING).stepIndex(state.stepIndex() + 1).build();
                return new Decision(shifting, enter(shifting));
            }
            case FAIL -> {
                int failures = state.failures() + 1;
                next.failures(failures).inconclusiveInARow(0);
                if (failures >= plan.failureLimit()) {
                    return restore(next.build(), Outcome.ROLLED_BACK, "the canary failed " + state.where() + ": "
                            + analysis.failures(), now);
                }
                return waitForNextAnalysis(next, plan, now);
            }
            default -> {
                int inconclusive = state.inconclusiveInARow() + 1;
                next.inconclusiveInARow(inconclusive);
                if (inconclusive >= plan.inconclusiveLimit()) {
                    String reason = inconclusive + " analyses in a row could not judge the canary "
                            + state.where() + " (too little traffic or no metrics)" + lastWords(analysis) + "; "
                            + TrafficEstimate.advice();
                    if (plan.onInconclusive() == InconclusiveAction.HOLD) {
                        RolloutState holding = next.phase(Phase.HOLDING).restoreCause(Outcome.INCONCLUSIVE)
                                .reason(reason).build();
                        return new Decision(holding, new Hold());
                    }
                    return restore(next.build(), Outcome.INCONCLUSIVE, reason, now);
                }
                return waitForNextAnalysis(next, plan, now);
            }
        }
    }

    private Decision promoting(RolloutState state, Observation observation, Instant now) {
        if (observation instanceof Promoted) {
            return finish(state.toBuilder().weight(100)
                    .event(now, Type.PROMOTED, 100, "promoted: canary at 100%, stable at 0%, route released"),
                    Outcome.PROMOTED, "every step passed", now);
        }
        if (observation instanceof ActionFailed failed) {
            return restore(state.toBuilder().event(now, Type.ERROR, state.weight(), failed.message()).build(),
                    Outcome.ROLLED_BACK, "could not promote: " + failed.message(), now);
        }
        return new Decision(state, new Promote());
    }

    private Decision holding(RolloutState state, Observation observation, Instant now) {
        if (observation instanceof Held) {
            if (state.restoreCause() == Outcome.INCONCLUSIVE) {
                return finish(state.toBuilder().event(now, Type.HELD, state.weight(), "held " + state.where()
                        + " without a verdict: promote with a traffic change, or roll back"), Outcome.INCONCLUSIVE,
                        state.reason() + "; the routes are held " + state.where(), now);
            }
            return finish(state.toBuilder().event(now, Type.HELD, state.weight(), "held " + state.where()
                    + ": promote with a traffic change to 100, or roll back"), Outcome.HELD,
                    "every step passed; held " + state.where(), now);
        }
        if (observation instanceof ActionFailed failed) {
            return restore(state.toBuilder().event(now, Type.ERROR, state.weight(), failed.message()).build(),
                    Outcome.ROLLED_BACK, "could not hold: " + failed.message(), now);
        }
        return new Decision(state, new Hold());
    }

    private Decision restoring(RolloutState state, Observation observation, Instant now) {
        if (observation instanceof Restored) {
            return finish(state.toBuilder().weight(0)
                    .event(now, Type.RESTORED, 0, "routes restored to their snapshot and verified"),
                    state.restoreCause(), state.reason(), now);
        }
        if (observation instanceof ActionFailed failed) {
            int attempts = state.restoreAttempts() + 1;
            RolloutState.Builder next = state.toBuilder().restoreAttempts(attempts)
                    .event(now, Type.RESTORE_FAILED, state.weight(), "restore attempt " + attempts + " failed: "
                            + failed.message());
            if (attempts >= MAX_RESTORE_ATTEMPTS) {
                return finish(next, Outcome.RESTORE_PENDING, state.reason() + "; the restore failed "
                        + attempts + " times (last: " + failed.message() + "): run `mesh rollback` for this route", now);
            }
            RolloutState retry = next.nextAt(now.plus(restoreBackoff(attempts))).build();
            return new Decision(retry, new WaitUntil(retry.nextAt()));
        }
        if (state.nextAt() != null && now.isBefore(state.nextAt())) {
            return new Decision(state, new WaitUntil(state.nextAt()));
        }
        return new Decision(state, new Restore(state.reason()));
    }

    private Decision abort(RolloutState state, AbortRequested abort, Instant now) {
        String by = abort.by() == null || abort.by().isBlank() ? "the caller" : abort.by();
        RolloutState.Builder next = state.toBuilder()
                .event(now, Type.ABORT_REQUESTED, state.weight(), "abort requested by " + by);
        return switch (state.phase()) {
            case STARTING -> finish(next, Outcome.ABORTED, "aborted by " + by + " before anything was written", now);
            case RESTORING -> restoring(next.build(), new Observation.Tick(), now);
            default -> restore(next.build(), Outcome.ABORTED, "aborted by " + by, now);
        };
    }

    /** The action that enters the state's current stage: its weight, with its route changes in place. */
    private static SetWeight enter(RolloutState state) {
        Stage stage = state.stage();
        return new SetWeight(stage.weight(), stage.changes());
    }

    /** The timeline's sentence for a stage just entered. */
    private static String entered(RolloutState state, Stage stage, int weight) {
        CanaryPhases phases = state.plan().phases();
        String weights = "canary at " + weight + "%, stable at " + (100 - weight) + "%";
        return switch (stage.kind()) {
            case MIRROR -> "mirror phase: " + phases.mirror().mirror().describe() + " (copies: their answers reach "
                    + "no one), " + weights + ", for " + human(stage.duration());
            case MATCH -> "A/B phase: " + phases.match().match().describe() + ", all others to the stable ("
                    + weights + "), for " + human(stage.duration());
            case WEIGHT -> weights + stage.changes().stream().map(change -> "; " + change.describe())
                    .reduce("", String::concat);
        };
    }

    private static Decision restore(RolloutState state, Outcome cause, String reason, Instant now) {
        RolloutState restoring = state.toBuilder().phase(Phase.RESTORING).restoreCause(cause).reason(reason)
                .nextAt(null).event(now, Type.RESTORE_STARTED, state.weight(), "restoring the routes: " + reason)
                .build();
        return new Decision(restoring, new Restore(reason));
    }

    private static Decision waitForNextAnalysis(RolloutState.Builder next, CanaryPlan plan, Instant now) {
        // A sequential rollout looks again only at the end of the new interval, as a fixed one does.
        Instant at = now.plus(plan.interval());
        RolloutState waiting = next.phase(Phase.WAITING).nextAt(at).lookAt(at).build();
        return new Decision(waiting, new WaitUntil(waiting.nextAt()));
    }

    private static Decision finish(RolloutState.Builder next, Outcome outcome, String reason, Instant now) {
        RolloutState done = next.phase(Phase.DONE).outcome(outcome).reason(reason).endedAt(now).nextAt(null).build();
        RolloutState told = done.toBuilder().event(now, Type.FINISHED, done.weight(), outcome + ": " + reason).build();
        return new Decision(told, new Finish(outcome));
    }

    private static Analyse analyse(RolloutState state, Instant now) {
        if (!isSequential(state)) {
            return new Analyse(state.weight(), state.stepStartedAt(), now, state.canaryStartedAt());
        }
        List<Instant> stepStarts = state.timeline().stream().filter(event -> event.type() == Type.WEIGHT_SET)
                .map(TimelineEvent::at).toList();
        return new Analyse(state.weight(), state.stepStartedAt(), now, state.canaryStartedAt(), stepStarts,
                state.nextAt() != null && now.isBefore(state.nextAt()));
    }

    private static boolean isSequential(RolloutState state) {
        return state.plan().analysisMode() == AnalysisMode.SEQUENTIAL && state.stepStartedAt() != null;
    }

    /** An interim look that did not conclude: wait for the next look, or the interval's end. */
    private static Decision lookAgain(RolloutState state, Instant now) {
        Duration every = state.plan().sampleEvery();
        long looks = Duration.between(state.stepStartedAt(), now).toMillis() / every.toMillis() + 1;
        Instant nextLook = state.stepStartedAt().plus(every.multipliedBy(looks));
        Instant wake = nextLook.isBefore(state.nextAt()) ? nextLook : state.nextAt();
        RolloutState waiting = state.toBuilder().phase(Phase.WAITING).lookAt(nextLook).build();
        return new Decision(waiting, new WaitUntil(wake));
    }

    /** "; last: INCONCLUSIVE: ... - canary served 12 requests in 60s, fewer than the 50 needed", or nothing. */
    private static String lastWords(StepAnalysis analysis) {
        return analysis == null ? "" : "; last: " + describe(analysis);
    }

    private static boolean isDeadlinePassed(RolloutState state, Instant now) {
        boolean judging = state.phase() == Phase.SHIFTING || state.phase() == Phase.WAITING
                || state.phase() == Phase.ANALYSING;
        return judging && !now.isBefore(state.startedAt().plus(state.plan().deadline()));
    }

    private static Duration restoreBackoff(int attempts) {
        Duration backoff = FIRST_RESTORE_BACKOFF.multipliedBy(1L << Math.min(attempts - 1, 10));
        return backoff.compareTo(MAX_RESTORE_BACKOFF) > 0 ? MAX_RESTORE_BACKOFF : backoff;
    }

    /** "FAIL: success-rate>=99 FAIL (80.00), latency-p99<=500 PASS (120.0)", with the reason of checks that did not pass. */
    private static String describe(StepAnalysis analysis) {
        StringBuilder out = new StringBuilder(analysis.verdict().toString());
        String separator = ": ";
        for (CheckSummary check : analysis.checks()) {
            out.append(separator).append(check.name()).append(' ').append(check.verdict());
            if (check.value() != null) {
                out.append(" (").append(String.format(java.util.Locale.ROOT, "%.4g", check.value())).append(')');
            }
            if (check.verdict() != Verdict.PASS && check.detail() != null
                    && !check.detail().isBlank()) {
                out.append(" - ").append(check.detail());
            }
            separator = ", ";
        }
        return out.toString();
    }

    static String human(Duration duration) {
        return io.jenkins.plugins.mesh.engine.DurationText.format(duration);
    }
}
