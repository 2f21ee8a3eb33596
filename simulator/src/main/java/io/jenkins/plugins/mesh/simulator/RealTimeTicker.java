package io.jenkins.plugins.mesh.simulator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Ticks traffic models in real time on one daemon thread, every {@code period}, for the demo and for runs against a
 * real Prometheus (which scrapes at wall-clock time). The models should run on the system clock. A tick that fails
 * (say the API server is gone) is kept in {@link #lastFailure()} and ticking goes on. Close it to stop.
 */
public final class RealTimeTicker implements AutoCloseable {

    private final ScheduledExecutorService scheduler;
    private final AtomicReference<RuntimeException> lastFailure = new AtomicReference<>();

    private RealTimeTicker(List<TrafficModel> models, Duration period) {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mesh-simulator-ticker");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, period.toMillis());
        scheduler.scheduleAtFixedRate(() -> {
            for (TrafficModel model : models) {
                try {
                    model.tick();
                } catch (RuntimeException e) {
                    lastFailure.set(e);
                }
            }
        }, 0, millis, TimeUnit.MILLISECONDS);
    }

    /** Starts ticking {@code models} every {@code period} (200 ms is plenty: models generate whole seconds). */
    public static RealTimeTicker start(Duration period, TrafficModel... models) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("tick period must be positive, got " + period);
        }
        return new RealTimeTicker(List.of(models), period);
    }

    /** The last failed tick's error, or null. */
    public RuntimeException lastFailure() {
        return lastFailure.get();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
