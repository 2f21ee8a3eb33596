package io.jenkins.plugins.mesh.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A value that changes in steps over simulated time, counted from the start of a traffic model: "20% errors from
 * minute 3" is {@code Schedule.constant(0.0).from(Duration.ofMinutes(3), 0.20)}. Immutable.
 *
 * @param <T> the value's type
 */
public final class Schedule<T> {

    private final List<Duration> starts;
    private final List<T> values;

    private Schedule(List<Duration> starts, List<T> values) {
        this.starts = List.copyOf(starts);
        this.values = List.copyOf(values);
    }

    /** The same value all the time. */
    public static <T> Schedule<T> constant(T value) {
        return new Schedule<>(List.of(Duration.ZERO), List.of(Objects.requireNonNull(value, "value")));
    }

    /** This schedule until {@code start}, then {@code value} (until a later step, if any). */
    public Schedule<T> from(Duration start, T value) {
        Objects.requireNonNull(value, "value");
        if (start.isNegative()) {
            throw new IllegalArgumentException("a step starts at or after the model's start, got " + start);
        }
        List<Duration> newStarts = new ArrayList<>();
        List<T> newValues = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            if (starts.get(i).compareTo(start) < 0) {
                newStarts.add(starts.get(i));
                newValues.add(values.get(i));
            }
        }
        newStarts.add(start);
        newValues.add(value);
        for (int i = 0; i < starts.size(); i++) {
            if (starts.get(i).compareTo(start) > 0) {
                newStarts.add(starts.get(i));
                newValues.add(values.get(i));
            }
        }
        return new Schedule<>(newStarts, newValues);
    }

    /** The value at {@code elapsed} since the model's start. */
    public T at(Duration elapsed) {
        T value = values.get(0);
        for (int i = 1; i < starts.size() && starts.get(i).compareTo(elapsed) <= 0; i++) {
            value = values.get(i);
        }
        return value;
    }

    /** The value at {@code elapsedSeconds} since the model's start. */
    T atSecond(long elapsedSeconds) {
        T value = values.get(0);
        for (int i = 1; i < starts.size() && starts.get(i).getSeconds() <= elapsedSeconds; i++) {
            value = values.get(i);
        }
        return value;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(String.valueOf(values.get(0)));
        for (int i = 1; i < starts.size(); i++) {
            text.append(", from ").append(starts.get(i)).append(": ").append(values.get(i));
        }
        return text.toString();
    }
}
