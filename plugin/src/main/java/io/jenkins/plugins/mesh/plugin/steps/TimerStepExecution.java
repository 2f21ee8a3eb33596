package io.jenkins.plugins.mesh.plugin.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Util;
import hudson.model.Computer;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.CauseOfInterruption;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A long step that holds no thread while it waits, the way {@code SleepStep} does: it is woken by a transient
 * {@link Timer} task, re-armed by {@link #onResume()} after a controller restart, and each wake-up ("tick") runs on
 * {@link Computer#threadPoolForRemoting}, one at a time. Persisted here: when the next tick is due, the status line,
 * and whether (and by whom) the build was stopped; a subclass keeps its engine's state as JSON and does the work of a
 * tick. A stop is handed to the next tick (at once, or right after the running one), which asks the engine to undo
 * what it wrote before the step fails.
 */
public abstract class TimerStepExecution extends StepExecution {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(TimerStepExecution.class.getName());

    /** The engine's state as JSON, saved before each of its actions; null until the first. */
    private String stateJson;
    private long nextTickMillis;
    private String status;
    private boolean stopRequested;
    private String stoppedBy;
    private boolean abortSent;
    /** Ticks in a row that could not reach what they need (a credential, the configuration, the agent pool). */
    private int failedTicks;

    private transient volatile ScheduledFuture<?> task;
    private transient boolean busy;
    /** Which scheduled tick is current: an older one that was already handed to the pool does nothing. */
    private transient long generation;
    private transient Throwable stopCause;

    TimerStepExecution(StepContext context, String status) {
        super(context);
        this.status = status;
    }

    /**
     * One wake-up, on the pool, never two at once. It ends by {@link #wakeAt}, {@link #retryIn} or completing the
     * step's context.
     *
     * @param stateJson the engine's state as last stored ({@link #storeState}), or null before it has one
     * @param abort the build was stopped and the engine has not been told yet: tell it now
     */
    abstract void tick(Run<?, ?> run, TaskListener listener, @CheckForNull String stateJson, boolean abort);

    /** What an aborting step is doing, for the status line: "the routes are being restored". */
    abstract String undoing();

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
            return "aborting, " + undoing() + " (" + status + ")";
        }
        long wait = nextTickMillis - System.currentTimeMillis();
        return wait > 0 ? status + "; wakes up in " + Util.getTimeSpanString(wait) : status;
    }

    private synchronized void schedule(long delayMillis) {
        long current = ++generation;
        Runnable hand = () -> Computer.threadPoolForRemoting.submit(() -> claim(current));
        task = Timer.get().schedule(hand, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void claim(long scheduled) {
        boolean abort;
        String persisted;
        synchronized (this) {
            if (busy || scheduled != generation) {
                return;
            }
            busy = true;
            abort = stopRequested && !abortSent;
            persisted = stateJson;
        }
        Run<?, ?> run;
        TaskListener listener;
        try {
            run = getContext().get(Run.class);
            listener = getContext().get(TaskListener.class);
        } catch (Exception e) {
            getContext().onFailure(e);
            return;
        }
        if (persisted == null && abort) {
            getContext().onFailure(stopCause()); // nothing was written
            return;
        }
        tick(run, listener, persisted, abort);
    }

    /** Keeps the engine's new state (saved with the execution by {@link #saveState()}). */
    final synchronized void storeState(String json) {
        stateJson = json;
    }

    /** The engine was told of the stop: later ticks go on with its restore. */
    final synchronized void abortSent() {
        abortSent = true;
    }

    /** Notes the engine's progress: when it wants to be woken next, and the status line. */
    final synchronized void progressed(long nextMillis, String newStatus) {
        nextTickMillis = nextMillis;
        status = newStatus;
    }

    final synchronized long nextTickMillis() {
        return nextTickMillis;
    }

    final synchronized boolean stopRequested() {
        return stopRequested;
    }

    /** Ends this tick and schedules the next at {@code nextMillis}, or at once when a stop is waiting. */
    final synchronized void wakeAt(long nextMillis) {
        failedTicks = 0;
        busy = false;
        schedule(stopRequested && !abortSent ? 0 : Math.max(0, nextMillis - System.currentTimeMillis()));
    }

    /** Counts a tick that failed to reach what it needs; returns how many failed in a row. */
    final synchronized int failedTick() {
        return ++failedTicks;
    }

    /** Ends this failed tick and tries again in {@code waitMillis}. */
    final void retryIn(long waitMillis) {
        synchronized (this) {
            nextTickMillis = System.currentTimeMillis() + waitMillis;
            busy = false;
            schedule(waitMillis);
        }
        saveState();
    }

    final synchronized Throwable stopCause() {
        return stopCause != null ? stopCause : new FlowInterruptedException(Result.ABORTED, true);
    }

    final synchronized String stoppedByOrDefault() {
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

    final void saveState() {
        try {
            getContext().saveState();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not save the state of " + getClass().getSimpleName(), e);
        }
    }
}
