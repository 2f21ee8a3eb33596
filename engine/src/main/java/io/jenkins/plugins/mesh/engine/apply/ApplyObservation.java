package io.jenkins.plugins.mesh.engine.apply;

/** What the driver saw when it performed an {@link ApplyAction}, or an outside event (a tick, an abort). */
public sealed interface ApplyObservation {

    /** Time passed (a start, a resume, a timer). */
    record Tick() implements ApplyObservation {
    }

    /** Someone asked the apply to stop (Ctrl-C, an aborted build): it reverts what it wrote. */
    record AbortRequested(String by) implements ApplyObservation {
    }

    /** The action on item {@code index} succeeded. */
    record Succeeded(int index) implements ApplyObservation {
    }

    /** Reverting item {@code index} ended with {@code result} (REVERTED, UNTOUCHED or KEPT). */
    record Reverted(int index, ItemStatus result, String message) implements ApplyObservation {
    }

    /** An analysis ran. */
    record Analysed(GateRecord record) implements ApplyObservation {
    }

    /** The action on item {@code index} failed ({@code -1}: the analysis). */
    record Failed(int index, String message) implements ApplyObservation {
    }
}
