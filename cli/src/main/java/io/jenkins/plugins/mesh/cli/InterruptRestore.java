package io.jenkins.plugins.mesh.cli;

import io.jenkins.plugins.mesh.engine.rollout.RolloutScheduler.RunningRollout;
import io.jenkins.plugins.mesh.engine.rollout.RolloutState;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToIntFunction;

/**
 * Ctrl-C (SIGINT, or SIGTERM) during a rollout: a shutdown hook aborts the rollout, waits for it to restore the
 * routes, lets {@code finish} print the outcome and halts the JVM with its exit code. Close it once the rollout is
 * over on its own, so a later exit does not run it.
 */
final class InterruptRestore implements AutoCloseable {

    /** Longer than the rollout's own restore retries (5 attempts, 1 s to 16 s apart, each retried by the API layer). */
    static final Duration RESTORE_WAIT = Duration.ofMinutes(3);

    private final Thread hook;
    private volatile boolean interrupted;

    private InterruptRestore(RunningRollout rollout, String by, PrintWriter err, ToIntFunction<RolloutState> finish) {
        this.hook = new Thread(() -> {
            interrupted = true;
            err.println("interrupted: stopping the rollout and restoring the route (wait for it; a second "
                    + "Ctrl-C does not stop the restore)");
            err.flush();
            rollout.abort(by);
            int code;
            try {
                code = finish.applyAsInt(rollout.completion().get(RESTORE_WAIT.toSeconds(), TimeUnit.SECONDS));
            } catch (TimeoutException e) {
                err.println("error: the restore did not finish within " + RESTORE_WAIT.toMinutes() + " minutes; the "
                        + "route's lease keeps the snapshot: run `mesh rollback` for it");
                code = TrafficFailures.RESTORE_PENDING;
            } catch (ExecutionException e) {
                err.println("error: the rollout failed while restoring: " + e.getCause().getMessage()
                        + "; run `mesh status` and `mesh rollback` for the route");
                code = TrafficFailures.RESTORE_PENDING;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                code = TrafficFailures.RESTORE_PENDING;
            }
            err.flush();
            Runtime.getRuntime().halt(code);
        }, "mesh-canary-interrupt");
    }

    /** Arms the hook for {@code rollout}; {@code finish} prints the outcome once and returns the exit code. */
    static InterruptRestore arm(RunningRollout rollout, String by, PrintWriter err,
            ToIntFunction<RolloutState> finish) {
        InterruptRestore restore = new InterruptRestore(rollout, by, err, finish);
        Runtime.getRuntime().addShutdownHook(restore.hook);
        return restore;
    }

    /** Whether the hook ran: the JVM is shutting down and the hook reports the outcome. */
    boolean interrupted() {
        return interrupted;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs now and reports the outcome itself.
        }
    }
}
