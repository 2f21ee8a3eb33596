package io.jenkins.plugins.mesh.plugin.steps;

import hudson.AbortException;
import hudson.Util;
import hudson.model.Computer;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mesh.engine.kube.Backoff;
import io.jenkins.plugins.mesh.engine.rollout.Outcome;
import io.jenkins.plugins.mesh.engine.rollout.RolloutDriver;
import io.jenkins.plugins.mesh.engine.rollout.RolloutListener;
import io.jenkins.plugins.mesh.engine.rollout.RolloutReport;
import io.jenkins.plugins.mesh.engine.rollout.RolloutState;
import io.jenkins.plugins.mesh.engine.rollout.RolloutStateJson;
import io.jenkins.plugins.mesh.engine.rollout.StagePreview;
import io.jenkins.plugins.mesh.engine.rollout.StepAnalysis;
import io.jenkins.plugins.mesh.engine.rollout.TimelineEvent;
import io.jenkins.plugins.mesh.engine.traffic.RoutePreview;
import io.jenkins.plugins.mesh.plugin.report.MeshRolloutAction;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Runs the engine's canary rollout without holding a thread, the way {@code SleepStep} waits. Persisted: the names of
 * the cluster and metric server, the engine's request and state as JSON strings (never engine objects: Jenkins' class
 * filter), the time of the next tick and the status line. The scheduled tick is transient and re-armed by
 * {@link #onResume()} after a controller restart. Each tick runs on {@link Computer#threadPoolForRemoting} (never on
 * the CPS VM thread nor on the small {@link Timer} pool): it prepares the rollout again from the request
 * ({@link CanaryTick}) and lets the engine's driver advance the state, which is saved before every action the engine
 * takes, as the engine asks ({@link RolloutListener#onState}).
 *
 * <p>Every decision is the engine's: when to set a weight, analyse, promote, hold or restore, and how it ended. The
 * user's abort ({@link #stop(Throwable)}) is handed to the engine, which restores the routes before the step fails.
 */
public final class MeshCanaryExecution extends TimerStepExecution {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(MeshCanaryExecution.class.getName());
    private static final RolloutStateJson JSON = new RolloutStateJson();
    /** What a dry run returns: it wrote nothing and has no outcome of the engine's. */
    static final String DRY_RUN = "DRY_RUN";
    /** Waits between ticks that could not even prepare the rollout (a credential or the configuration went away). */
    private static final Backoff TICK_RETRY = new Backoff(Integer.MAX_VALUE, Duration.ofSeconds(5),
            Duration.ofMinutes(2), 0.3);

    private final String cluster;
    private final String metrics;
    private final boolean dryRun;
    private final String requestJson;
    /** The route target the first tick resolved; later ticks prepare from it without reading the cluster. */
    private String targetJson;

    MeshCanaryExecution(StepContext context, String cluster, String metrics, boolean dryRun, String requestJson) {
        super(context, "starting");
        this.cluster = cluster;
        this.metrics = metrics;
        this.dryRun = dryRun;
        this.requestJson = requestJson;
    }

    @Override
    String undoing() {
        return "the routes are being restored";
    }

    @Override
    void tick(Run<?, ?> run, TaskListener listener, String persisted, boolean abort) {
        RolloutState state;
        try {
            state = persisted == null ? null : JSON.read(persisted);
        } catch (Exception e) {
            getContext().onFailure(e);
            return;
        }
        RolloutDriver.Progress progress;
        String target;
        synchronized (this) {
            target = targetJson;
        }
        try (CanaryTick tick = CanaryTick.prepare(cluster, metrics, requestJson, target, run)) {
            RolloutListener events = listenerFor(listener.getLogger());
            if (state == null) {
                if (dryRun) {
                    printPreview(tick, listener.getLogger());
                    getContext().onSuccess(DRY_RUN);
                    return;
                }
                listener.getLogger().println(Messages.MeshCanaryExecution_Starting(tick.describe()));
                synchronized (this) {
                    targetJson = tick.targetJson();
                }
                state = tick.start();
                record(state, System.currentTimeMillis());
                progress = tick.advance(state, events);
            } else if (abort) {
                abortSent();
                progress = tick.abort(state, stoppedByOrDefault(), events);
            } else {
                progress = tick.advance(state, events);
            }
        } catch (Throwable error) {
            if (!retryLater(error, state, listener)) {
                failAfter(error, state, listener);
            }
            return;
        }
        long next = progress.isDone() ? 0 : progress.wakeAt().toEpochMilli();
        record(progress.state(), next);
        if (progress.isDone()) {
            finish(progress.state(), run, listener);
            return;
        }
        wakeAt(next);
    }

    /** The engine's driver tells every new state (to persist before its next action) and every event (for the log). */
    private RolloutListener listenerFor(PrintStream log) {
        return new RolloutListener() {
            @Override
            public void onState(RolloutState state) {
                record(state, nextTickMillis());
            }

            @Override
            public void onEvent(TimelineEvent event) {
                log.println(Messages.MeshCanaryExecution_Event(event.at(), event.weight(), event.message()));
            }
        };
    }

    private void record(RolloutState state, long next) {
        storeState(JSON.write(state));
        progressed(next, statusOf(state));
        saveState();
    }

    private static String statusOf(RolloutState state) {
        StepAnalysis last = state.lastAnalysis();
        // the engine's "at 25%" or "in the mirror 10% phase"
        return Messages.MeshCanaryExecution_Status(state.phase(), state.where(),
                last == null ? "-" : last.verdict().toString());
    }

    /** Records the report and completes the step as the engine's outcome says. */
    private void finish(RolloutState state, Run<?, ?> run, TaskListener listener) {
        try {
            MeshRolloutAction.record(run, JSON.write(RolloutReport.of(state, Instant.now())));
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "Could not record the rollout report of " + run, e);
        }
        Outcome outcome = state.outcome();
        String ended = Messages.MeshCanaryExecution_Finished(outcome, state.reason());
        switch (outcome) {
            case PROMOTED, HELD -> {
                listener.getLogger().println(ended);
                getContext().onSuccess(outcome.name());
            }
            case INCONCLUSIVE -> {
                listener.getLogger().println(ended);
                markUnstable(run, listener);
                getContext().onSuccess(outcome.name());
            }
            case ABORTED -> {
                listener.getLogger().println(ended);
                getContext().onFailure(stopCause());
            }
            // Jenkins prints the failure as "ERROR: meshCanary ended ...": once is enough for a long reason
            default -> getContext().onFailure(new AbortException(Messages.MeshCanaryExecution_Failed(outcome,
                    state.reason())));
        }
    }

    /**
     * Nothing was shown wrong with the canary, but it was not promoted either: the stage and the build are UNSTABLE,
     * not failed, the way junit marks failed tests ({@link WarningAction} on the step's node, which Pipeline views
     * show as an unstable stage, and {@link Run#setResult}, which only ever makes a result worse).
     */
    private void markUnstable(Run<?, ?> run, TaskListener listener) {
        try {
            FlowNode node = getContext().get(FlowNode.class);
            if (node != null) {
                node.addOrReplaceAction(new WarningAction(Result.UNSTABLE)
                        .withMessage(Messages.MeshCanaryExecution_InconclusiveWarning()));
            }
        } catch (IOException | InterruptedException e) {
            LOGGER.log(Level.WARNING, "Could not mark the meshCanary step of " + run + " unstable", e);
        }
        run.setResult(Result.UNSTABLE);
        listener.getLogger().println(Messages.MeshCanaryExecution_Inconclusive());
    }

    /**
     * A tick that could not prepare the rollout after it wrote something (a credential, the configuration or the
     * agent pool failed; reaching the cluster happens inside the engine's actions, which handle it) is tried again
     * with backoff, until the rollout's deadline: giving up then leaves canary traffic in place, so it is the last
     * resort.
     *
     * @return whether a retry was scheduled
     */
    private boolean retryLater(Throwable error, RolloutState state, TaskListener listener) {
        if (state == null || state.phase().isTerminal() || error instanceof Error) {
            return false;
        }
        Instant giveUpAt = state.startedAt().plus(state.plan().deadline());
        int attempt = failedTick();
        Duration wait = TICK_RETRY.delay(attempt, ThreadLocalRandom.current());
        if (Instant.now().plus(wait).isAfter(giveUpAt)) {
            return false;
        }
        listener.getLogger().println(Messages.MeshCanaryExecution_Retrying(error.getMessage(),
                Util.getTimeSpanString(wait.toMillis())));
        retryIn(wait.toMillis());
        return true;
    }

    /**
     * Something outside the engine's actions failed (the configuration, a credential, reaching the cluster to prepare
     * the rollout): before the first write nothing needs restoring; after it the route's lock keeps the snapshot, and
     * the message says how to restore.
     */
    private void failAfter(Throwable error, RolloutState state, TaskListener listener) {
        if (state == null) {
            getContext().onFailure(error);
            return;
        }
        String message = error instanceof AbortException ? error.getMessage() : error.toString();
        AbortException failure = new AbortException(Messages.MeshCanaryExecution_Interrupted(message));
        failure.initCause(error);
        try {
            MeshRolloutAction.record(getContext().get(Run.class), JSON.write(RolloutReport.of(state, Instant.now())));
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "Could not record the rollout report", e);
        }
        getContext().onFailure(failure);
    }

    private static void printPreview(CanaryTick tick, PrintStream log) {
        log.println(Messages.MeshCanaryExecution_DryRun(tick.describe()));
        for (StagePreview stage : tick.previewStages()) {
            log.println(stage.title());
            for (RoutePreview preview : stage.diffs()) {
                log.print(preview.diff());
            }
        }
        if (!tick.canEstimate()) {
            log.println(Messages.MeshCanaryExecution_DryRunNoEstimateForMatch());
            return;
        }
        // the estimate a real run would start with; a dry run still succeeds when the metrics cannot be read
        try {
            log.println(Messages.MeshCanaryExecution_DryRunEstimate(tick.estimate().describe()));
        } catch (Exception e) {
            log.println(Messages.MeshCanaryExecution_DryRunNoEstimate(e.getMessage()));
        }
    }
}
