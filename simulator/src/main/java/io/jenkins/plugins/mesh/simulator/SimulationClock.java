package io.jenkins.plugins.mesh.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told to, for running rollouts and traffic faster than real time. Thread-safe;
 * the {@link #withZone zoned views} share the same time.
 */
public final class SimulationClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private SimulationClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** A clock standing at {@code start}, in UTC. */
    public static SimulationClock at(Instant start) {
        return new SimulationClock(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    /** Moves the clock forward by {@code step} and returns the new time. */
    public Instant advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("a simulation clock only moves forward, got " + step);
        }
        return now.updateAndGet(current -> current.plus(step));
    }

    /** Moves the clock forward to {@code target}; a target in the past leaves it where it is. */
    public Instant advanceTo(Instant target) {
        return now.accumulateAndGet(target, (current, wanted) -> wanted.isAfter(current) ? wanted : current);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new SimulationClock(now, newZone);
    }

    @Override
    public String toString() {
        return "SimulationClock[" + now.get() + "]";
    }
}
