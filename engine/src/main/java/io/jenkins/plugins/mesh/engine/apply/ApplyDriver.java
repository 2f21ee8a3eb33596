package io.jenkins.plugins.mesh.engine.apply;

import io.jenkins.plugins.mesh.engine.analysis.Verdict;
import io.jenkins.plugins.mesh.engine.apply.ApplyAction.Analyse;
import io.jenkins.plugins.mesh.engine.apply.ApplyAction.Finish;
import io.jenkins.plugins.mesh.engine.apply.ApplyAction.Lock;
import io.jenkins.plugins.mesh.engine.apply.ApplyAction.MarkPending;
import io.jenkins.plugins.mesh.engine.apply.ApplyAction.Release;
import io.jenkins.plugins.mesh.engine.apply.ApplyAction.Revert;
import io.jenkins.plugins.mesh.engine.apply.ApplyAction.Verify;
import io.jenkins.plugins.mesh.engine.apply.ApplyAction.WaitUntil;
import io.jenkins.plugins.mesh.engine.apply.ApplyAction.Write;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs an apply: asks the {@link ApplyStateMachine}, hands every new state to the listener (persist it there),
 * performs the action through {@link ApplyCluster} or {@link HealthGate}, and reports back, until the apply must wait
 * or is over. It holds no thread while waiting: call {@link #advance} again at {@link Progress#wakeAt()}.
 *
 * <pre>{@code
 * ApplyState state = ApplyState.start(plan, holder, build, options, clock.instant());
 * ApplyDriver.Progress p = driver.advance(state);       // one tick: runs until it waits or is done
 * String json = new ApplyStateJson().write(p.state()); // persist; later: driver.advance(json.read(...))
 * }</pre>
 */
public final class ApplyDriver {

    /** Where an apply stands after a tick: its state, and when to call again (null once done). */
    public record Progress(ApplyState state, Instant wakeAt) {
        public boolean isDone() {
            return wakeAt == null;
        }
    }

    private final ApplyStateMachine machine = new ApplyStateMachine();
    private final ApplyCluster cluster;
    private final HealthGate gate;
    private final Clock clock;
    private final Consumer<ApplyState> listener;

    /** @param listener gets every new state before its action runs (persist it there); may be null */
    public ApplyDriver(ApplyCluster cluster, HealthGate gate, Clock clock, Consumer<ApplyState> listener) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.gate = gate == null ? HealthGate.NONE : gate;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = listener == null ? s -> { } : listener;
    }

    /** Continues an apply (new, resumed or woken by its timer) until it must wait or is over. */
    public Progress advance(ApplyState state) {
        return run(state, new ApplyObservation.Tick());
    }

    /** Stops an apply: it reverts whatever it wrote, then releases. */
    public Progress abort(ApplyState state, String by) {
        return run(state, new ApplyObservation.AbortRequested(by));
    }

    private Progress run(ApplyState state, ApplyObservation first) {
        ApplyObservation observation = first;
        ApplyState current = state;
        // The bound guards against a bug turning into a busy loop: each item takes a handful of decisions.
        int bound = 100 + 20 * state.items().size();
        for (int i = 0; i < bound; i++) {
            ApplyDecision decision = machine.next(current, observation, clock.instant());
            if (decision.state() != current) {
                listener.accept(decision.state());
            }
            current = decision.state();
            ApplyAction action = decision.action();
            if (action instanceof Finish) {
                return new Progress(current, null);
            }
            if (action instanceof WaitUntil wait) {
                return new Progress(current, wait.time());
            }
            if (Thread.currentThread().isInterrupted() && current.phase() != ApplyPhase.REVERTING
                    && current.phase() != ApplyPhase.RELEASING) {
                observation = new ApplyObservation.AbortRequested("an interrupt");
                continue;
            }
            observation = perform(current, action);
        }
        throw new IllegalStateException("the apply made " + bound + " decisions without waiting: " + current.phase());
    }

    private ApplyObservation perform(ApplyState state, ApplyAction action) {
        int index = -1;
        try {
            if (action instanceof Lock lock) {
                index = lock.index();
                cluster.lock(state, state.items().get(index));
            } else if (action instanceof Write write) {
                index = write.index();
                cluster.write(state, state.items().get(index));
            } else if (action instanceof Verify verify) {
                index = verify.index();
                cluster.verify(state.items().get(index));
            } else if (action instanceof Revert revert) {
                index = revert.index();
                ApplyItem item = state.items().get(index);
                ItemStatus result = cluster.revert(state, item);
                return new ApplyObservation.Reverted(index, result, result == ItemStatus.KEPT
                        ? "changed by someone else after the apply wrote it; their edit is kept" : null);
            } else if (action instanceof Release release) {
                index = release.index();
                cluster.release(state, state.items().get(index));
            } else if (action instanceof MarkPending pending) {
                index = pending.index();
                cluster.markPending(state, state.items().get(index), pending.message());
            } else if (action instanceof Analyse analyse) {
                return new ApplyObservation.Analysed(gate.analyse(RoutedServices.of(state.items()),
                        analyse.changedAt(), analyse.at()));
            } else {
                throw new IllegalStateException("unknown action " + action);
            }
            return new ApplyObservation.Succeeded(index);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(index, action, "interrupted");
        } catch (Exception | LinkageError e) {
            return failed(index, action, messageOf(e));
        }
    }

    private ApplyObservation failed(int index, ApplyAction action, String message) {
        if (action instanceof Analyse) {
            return new ApplyObservation.Analysed(new GateRecord(clock.instant(), Verdict.INCONCLUSIVE,
                    "the analysis failed: " + message));
        }
        return new ApplyObservation.Failed(index, message);
    }

    static String messageOf(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
