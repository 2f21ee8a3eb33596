package io.jenkins.plugins.mesh.engine.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A route held in memory, for driver tests: records every call and can be told to fail. */
final class InMemoryRoute implements RouteControl {
    final List<String> calls = new ArrayList<>();
    volatile int weight;
    volatile boolean locked;
    volatile boolean held;
    final AtomicInteger failNextRestores = new AtomicInteger();
    final AtomicInteger failNextWrites = new AtomicInteger();

    @Override
    public synchronized void acquire() {
        calls.add("acquire");
        if (locked) {
            throw new IllegalStateException("route is locked by build #1");
        }
        locked = true;
    }

    @Override
    public synchronized int setWeight(int newWeight) {
        calls.add("setWeight " + newWeight);
        if (failNextWrites.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("API server answered 500");
        }
        weight = newWeight;
        return weight;
    }

    @Override
    public synchronized void promote() {
        calls.add("promote");
        weight = 100;
        locked = false;
    }

    @Override
    public synchronized void hold() {
        calls.add("hold");
        held = true;
    }

    @Override
    public synchronized void restore(String reason) {
        calls.add("restore");
        if (failNextRestores.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("connection refused");
        }
        weight = 0;
        locked = false;
    }

    @Override
    public synchronized void renew() {
        calls.add("renew");
    }
}
