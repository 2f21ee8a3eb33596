package io.jenkins.plugins.mesh.engine.rollout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives many rollouts with a few threads: a rollout that waits holds no thread, only a scheduled wake-up.
 * Each rollout advances on one thread at a time; an abort wakes it at once.
 */
public final class RolloutScheduler implements AutoCloseable {

    private final ScheduledThreadPoolExecutor executor;
    private final Clock clock;

    /** A scheduler with {@code threads} threads (they do the I/O of the rollouts that are due). */
    public RolloutScheduler(int threads, Clock clock) {
        if (threads < 1) {
            throw new IllegalArgumentException("a scheduler needs at least one thread");
        }
        this.clock = clock;
        this.executor = new ScheduledThreadPoolExecutor(threads, new NamedThreads());
        this.executor.setRemoveOnCancelPolicy(true);
    }

    /** Starts (or resumes) a rollout from {@code state}; it runs until finished, aborted or the scheduler closes. */
    public RunningRollout submit(RolloutDriver driver, RolloutState state) {
        RunningRollout rollout = new RunningRollout(driver, state);
        rollout.wakeAt(clock.instant());
        return rollout;
    }

    /** Number of threads the scheduler may use. */
    public int threads() {
        return executor.getCorePoolSize();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** A rollout in the scheduler's hands. */
    public final class RunningRollout {
        private final RolloutDriver driver;
        private final CompletableFuture<RolloutState> completion = new CompletableFuture<>();
        private volatile RolloutState state;
        private volatile String abortBy;
        private ScheduledFuture<?> wakeUp;

        private RunningRollout(RolloutDriver driver, RolloutState state) {
            this.driver = driver;
            this.state = state;
        }

        /** Completes with the final state. */
        public CompletableFuture<RolloutState> completion() {
            return completion;
        }

        /** The last state (persisted by the driver's listener as well). */
        public RolloutState state() {
            return state;
        }

        /** Asks the rollout to stop; it restores the routes before it completes. */
        public void abort(String by) {
            abortBy = by == null ? "the caller" : by;
            wakeAt(clock.instant());
        }

        private synchronized void wakeAt(Instant time) {
            if (completion.isDone() || executor.isShutdown()) {
                return;
            }
            if (wakeUp != null) {
                wakeUp.cancel(false);
            }
            long delay = Math.max(0, Duration.between(clock.instant(), time).toMillis());
            wakeUp = executor.schedule(this::run, delay, TimeUnit.MILLISECONDS);
        }

        private void run() {
            RolloutDriver.Progress progress;
            synchronized (this) {
                if (completion.isDone()) {
                    return;
                }
                try {
                    String by = abortBy;
                    abortBy = null;
                    progress = by != null ? driver.abort(state, by) : driver.advance(state);
                    state = progress.state();
                } catch (RuntimeException | Error e) {
                    completion.completeExceptionally(e);
                    return;
                }
            }
            if (progress.isDone()) {
                completion.complete(progress.state());
            } else if (abortBy != null) {
                wakeAt(clock.instant());
            } else {
                wakeAt(progress.wakeAt());
            }
        }
    }

    private static final class NamedThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "mesh-rollout-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
