package io.jenkins.plugins.mesh.plugin.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
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
import io.jenkins.plugins.mesh.engine.rollout.StepAnalysis;
import io.jenkins.plugins.mesh.engine.rollout.TimelineEvent;
import io.jenkins.plugins.mesh.engine.traffic.RoutePreview;
import io.jenkins.plugins.mesh.plugin.report.MeshRolloutAction;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.CauseOfInterruption;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

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
public final class MeshCanaryExecution extends StepExecution {

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
    private String stateJson;
    /** Ticks in a row that could not prepare the rollout after it had written something. */
    private int failedTicks;
    private long nextTickMillis;
    private String status = "starting";
    private boolean stopRequested;
    private String stoppedBy;
    private boolean abortSent;

    private transient volatile ScheduledFuture<?> task;
    private transient boolean busy;
    /** Which scheduled tick is current: an older one that was already handed to the pool does nothing. */
    private transient long generation;
    private transient Throwable stopCause;

    MeshCanaryExecution(StepContext context, String cluster, String metrics, boolean dryRun, String requestJson) {
        super(context);
        this.cluster = cluster;
        this.metrics = metrics;
        this.dryRun = dryRun;
        this.requestJson = requestJson;
    }

    @Override
    public boolean start() {
        // start() runs on the CPS VM thread: do no I/O here, only schedule the first tick.
        schedule(0);
        return false;
    }

    @Override
    public void onResume() {
        long next;
        synchronized (this) {
            next = stopRequested && !abortSent ? 0 : nextTickMillis;
        }
        schedule(Math.max(0, next - System.currentTimeMillis()));
    }

    @Override
    public void stop(@NonNull Throwable cause) {
        synchronized (this) {
            stopRequested = true;
            stoppedBy = stoppedBy(cause);
            stopCause = cause;
            ScheduledFuture<?> scheduled = task;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            if (busy) {
                return; // the running tick sees stopRequested and hands the abort to the engine next
            }
        }
        saveState();
        schedule(0);
    }

    @Override
    public synchronized String getStatus() {
        if (stopRequested) {
            return "aborting, the routes are being restored (" + status + ")";
        }
        long wait = nextTickMillis - System.currentTimeMillis();
        // in sequential mode the next tick is the next look at the metrics, every sampleEvery
        return wait > 0 ? status + "; wakes up in " + Util.getTimeSpanString(wait) : status;
    }

    private synchronized void schedule(long delayMillis) {
        long current = ++generation;
        Runnable hand = () -> Computer.threadPoolForRemoting.submit(() -> tick(current));
        task = Timer.get().schedule(hand, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void tick(long scheduled) {
        String persisted;
        boolean abort;
        synchronized (this) {
            if (busy || scheduled != generation) {
                return;
            }
            busy = true;
            persisted = stateJson;
            abort = stopRequested && !abortSent;
        }
        Run<?, ?> run;
        TaskListener listener;
        RolloutState state;
        try {
            run = getContext().get(Run.class);
            listener = getContext().get(TaskListener.class);
            state = persisted == null ? null : JSON.read(persisted);
        } catch (Exception e) {
            getContext().onFailure(e);
            return;
        }
        if (state == null && abort) {
            getContext().onFailure(stopCause()); // nothing was written
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
                synchronized (this) {
                    abortSent = true;
                }
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
        synchronized (this) {
            failedTicks = 0;
        }
        long next = progress.isDone() ? 0 : progress.wakeAt().toEpochMilli();
        record(progress.state(), next);
        if (progress.isDone()) {
            finish(progress.state(), run, listener);
            return;
        }
        synchronized (this) {
            busy = false;
            schedule(stopRequested && !abortSent ? 0 : Math.max(0, next - System.currentTimeMillis()));
        }
    }

    /** The engine's driver tells every new state (to persist before its next action) and every event (for the log). */
    private RolloutListener listenerFor(PrintStream log) {
        return new RolloutListener() {
            @Override
            public void onState(RolloutState state) {
                long next;
                synchronized (MeshCanaryExecution.this) {
                    next = nextTickMillis;
                }
                record(state, next);
            }

            @Override
            public void onEvent(TimelineEvent event) {
                log.println(Messages.MeshCanaryExecution_Event(event.at(), event.weight(), event.message()));
            }
        };
    }

    private void record(RolloutState state, long next) {
        synchronized (this) {
            stateJson = JSON.write(state);
            nextTickMillis = next;
            status = statusOf(state);
        }
        saveState();
    }

    private static String statusOf(RolloutState state) {
        StepAnalysis last = state.lastAnalysis();
        return Messages.MeshCanaryExecution_Status(state.phase(), state.weight(),
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
        int attempt;
        synchronized (this) {
            attempt = ++failedTicks;
        }
        Duration wait = TICK_RETRY.delay(attempt, ThreadLocalRandom.current());
        if (Instant.now().plus(wait).isAfter(giveUpAt)) {
            return false;
        }
        listener.getLogger().println(Messages.MeshCanaryExecution_Retrying(error.getMessage(),
                Util.getTimeSpanString(wait.toMillis())));
        long next = System.currentTimeMillis() + wait.toMillis();
        synchronized (this) {
            nextTickMillis = next;
            busy = false;
            schedule(wait.toMillis());
        }
        saveState();
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
        for (RoutePreview preview : tick.preview()) {
            log.print(preview.diff());
        }
        // the estimate a real run would start with; a dry run still succeeds when the metrics cannot be read
        try {
            log.println(Messages.MeshCanaryExecution_DryRunEstimate(tick.estimate().describe()));
        } catch (Exception e) {
            log.println(Messages.MeshCanaryExecution_DryRunNoEstimate(e.getMessage()));
        }
    }

    private synchronized Throwable stopCause() {
        return stopCause != null ? stopCause : new FlowInterruptedException(Result.ABORTED, true);
    }

    private synchronized String stoppedByOrDefault() {
        return stoppedBy != null ? stoppedBy : "Jenkins";
    }

    /** Who aborted, for the engine's "aborted by ..." line: the user, else what interrupted the build. */
    private static String stoppedBy(Throwable cause) {
        if (cause instanceof FlowInterruptedException interrupted) {
            for (CauseOfInterruption why : interrupted.getCauses()) {
                if (why instanceof CauseOfInterruption.UserInterruption user) {
                    return user.getUserId();
                }
            }
            if (!interrupted.getCauses().isEmpty()) {
                return interrupted.getCauses().get(0).getShortDescription();
            }
        }
        return "Jenkins (" + cause + ")";
    }

    private void saveState() {
        try {
            getContext().saveState();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not save the canary state", e);
        }
    }
}
