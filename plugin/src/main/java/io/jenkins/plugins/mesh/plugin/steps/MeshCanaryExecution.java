package io.jenkins.plugins.mesh.plugin.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Util;
import hudson.model.Computer;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mesh.plugin.report.MeshRolloutAction;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Runs a canary without holding a thread, the way {@code SleepStep} waits: the persisted state is the plan JSON, the
 * engine's state JSON and the time of the next tick; the scheduled tick is transient and re-armed by
 * {@link #onResume()} after a controller restart. Each tick runs on {@link Computer#threadPoolForRemoting} (never on
 * the CPS VM thread nor on the small {@link Timer} pool), and the state is saved after every change.
 *
 * <p>Cleanup on every path, like lockable-resources' {@code LockStepExecution}: a failed check, an engine error and
 * {@link #stop(Throwable)} (the user aborted) all restore the routes before the step completes. If restoring itself
 * fails, the step fails with a message telling the user to run {@code meshRollback}.
 */
public final class MeshCanaryExecution extends StepExecution {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(MeshCanaryExecution.class.getName());

    private final String planJson;
    private String stateJson;
    private long nextTickMillis;
    private String status = "starting";
    private boolean stopRequested;
    private String stopReason;

    private transient volatile ScheduledFuture<?> task;
    private transient boolean busy;
    private transient Throwable stopCause;

    MeshCanaryExecution(StepContext context, String planJson) {
        super(context);
        this.planJson = planJson;
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
            next = nextTickMillis;
        }
        schedule(Math.max(0, next - System.currentTimeMillis()));
    }

    @Override
    public void stop(@NonNull Throwable cause) {
        synchronized (this) {
            stopRequested = true;
            stopReason = cause.toString();
            stopCause = cause;
            ScheduledFuture<?> scheduled = task;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            if (busy) {
                return; // the running tick sees stopRequested and restores when the engine call returns
            }
            busy = true;
        }
        saveState();
        Computer.threadPoolForRemoting.submit(this::restoreAfterStop);
    }

    @Override
    public synchronized String getStatus() {
        if (stopRequested) {
            return "aborted, restoring routes (" + status + ")";
        }
        long wait = nextTickMillis - System.currentTimeMillis();
        return wait > 0 ? status + "; next check in " + Util.getTimeSpanString(wait) : status;
    }

    private void schedule(long delayMillis) {
        Runnable hand = () -> {
            Computer.threadPoolForRemoting.submit(this::tick);
        };
        task = Timer.get().schedule(hand, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        boolean stopping;
        String state;
        synchronized (this) {
            if (busy) {
                return;
            }
            busy = true;
            stopping = stopRequested;
            state = stateJson;
        }
        if (stopping) {
            restoreAfterStop();
            return;
        }
        CanaryProgress progress;
        try {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            progress = state == null
                    ? MeshOperations.get().beginCanary(planJson, run, listener)
                    : MeshOperations.get().tickCanary(planJson, state, run, listener);
        } catch (Throwable error) {
            restoreAfterError(error);
            return;
        }
        record(progress);
        if (progress.finished()) {
            finish(progress);
            return;
        }
        synchronized (this) {
            if (!stopRequested) {
                busy = false;
                schedule(Math.max(0, progress.nextTickMillis() - System.currentTimeMillis()));
                return;
            }
        }
        restoreAfterStop();
    }

    private void record(CanaryProgress progress) {
        synchronized (this) {
            stateJson = progress.stateJson();
            nextTickMillis = progress.nextTickMillis();
            status = progress.status();
        }
        saveState();
    }

    private void finish(CanaryProgress progress) {
        try {
            Run<?, ?> run = getContext().get(Run.class);
            if (progress.reportJson() != null) {
                MeshRolloutAction.record(run, progress.reportJson());
            }
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "Could not record the rollout report", e);
        }
        if (progress.failed()) {
            getContext().onFailure(new AbortException(Messages.MeshCanaryExecution_Failed(progress.outcome(),
                    progress.status())));
        } else {
            getContext().onSuccess(progress.outcome());
        }
    }

    /** The user aborted: restore what the rollout changed, then fail the step with the abort's cause. */
    private void restoreAfterStop() {
        Throwable cause;
        String reason;
        synchronized (this) {
            cause = stopCause != null ? stopCause : new FlowInterruptedException(Result.ABORTED);
            reason = stopReason == null ? "aborted" : stopReason;
        }
        restoreThenFail(reason, cause);
    }

    private void restoreAfterError(Throwable error) {
        restoreThenFail(error.toString(), error);
    }

    private void restoreThenFail(String reason, Throwable cause) {
        String state;
        synchronized (this) {
            state = stateJson;
        }
        if (state == null) {
            // The engine had not started the rollout (it restores on its own failures during begin).
            getContext().onFailure(cause);
            return;
        }
        try {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            CanaryProgress restored = MeshOperations.get().restoreCanary(planJson, state, reason, run, listener);
            record(restored);
            if (restored.reportJson() != null) {
                MeshRolloutAction.record(run, restored.reportJson());
            }
        } catch (Throwable restoreError) {
            AbortException failure = new AbortException(Messages.MeshCanaryExecution_RestoreFailed(
                    String.valueOf(restoreError.getMessage())));
            failure.addSuppressed(cause);
            getContext().onFailure(failure);
            return;
        }
        getContext().onFailure(cause);
    }

    private void saveState() {
        try {
            getContext().saveState();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not save the canary state", e);
        }
    }
}
