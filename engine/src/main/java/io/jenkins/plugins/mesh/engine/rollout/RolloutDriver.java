package io.jenkins.plugins.mesh.engine.rollout;

import io.jenkins.plugins.mesh.engine.rollout.Action.Acquire;
import io.jenkins.plugins.mesh.engine.rollout.Action.Analyse;
import io.jenkins.plugins.mesh.engine.rollout.Action.Finish;
import io.jenkins.plugins.mesh.engine.rollout.Action.Hold;
import io.jenkins.plugins.mesh.engine.rollout.Action.Promote;
import io.jenkins.plugins.mesh.engine.rollout.Action.Restore;
import io.jenkins.plugins.mesh.engine.rollout.Action.SetWeight;
import io.jenkins.plugins.mesh.engine.rollout.Action.WaitUntil;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Runs one rollout's actions: asks the state machine, persists the state through the listener, performs the
 * action on the route or the metrics, and reports back, until the rollout has to wait or is over. It holds no
 * thread while waiting: the caller (a scheduler, a Jenkins timer) calls {@link #advance} again at the time returned.
 */
public final class RolloutDriver {

    /** Where a rollout stands after {@link #advance}: its state, and when to call again (null once finished). */
    public record Progress(RolloutState state, Instant wakeAt) {
        public boolean isDone() {
            return wakeAt == null;
        }
    }

    private final CanaryStateMachine machine = new CanaryStateMachine();
    private final RouteControl route;
    private final CanaryAnalysis analysis;
    private final Clock clock;
    private final RolloutListener listener;

    public RolloutDriver(RouteControl route, CanaryAnalysis analysis, Clock clock, RolloutListener listener) {
        this.route = Objects.requireNonNull(route, "route");
        this.analysis = Objects.requireNonNull(analysis, "analysis");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = listener == null ? RolloutListener.NONE : listener;
    }

    /** Continues a rollout (new, resumed or woken by its timer) until it must wait or is finished. */
    public Progress advance(RolloutState state) {
        return advance(state, new Observation.Tick());
    }

    /** Asks the rollout to stop: it restores the routes (when anything was written) before it finishes. */
    public Progress abort(RolloutState state, String by) {
        return advance(state, new Observation.AbortRequested(by));
    }

    private Progress advance(RolloutState state, Observation first) {
        Observation observation = first;
        RolloutState current = state;
        // Each action is followed by its observation; the loop ends at a wait or the finish. The bound only
        // guards against a bug turning into a busy loop.
        for (int i = 0; i < 10_000; i++) {
            Decision decision = machine.next(current, observation, clock.instant());
            tell(current, decision.state());
            current = decision.state();
            Action action = decision.action();
            if (action instanceof Finish) {
                return new Progress(current, null);
            }
            if (action instanceof WaitUntil wait) {
                renewQuietly(current);
                return new Progress(current, wait.time());
            }
            observation = perform(action);
        }
        throw new IllegalStateException("the rollout made 10000 decisions without waiting: " + current.phase());
    }

    private Observation perform(Action action) {
        try {
            if (action instanceof Acquire) {
                route.acquire();
                return new Observation.Started();
            }
            if (action instanceof SetWeight set) {
                return new Observation.WeightApplied(route.shift(set.weight(), set.changes()));
            }
            if (action instanceof Analyse analyse) {
                return new Observation.Analysed(analysis.analyse(analyse));
            }
            if (action instanceof Action.PreFlight preFlight) {
                return new Observation.TrafficEstimated(analysis.preFlight(preFlight.firstWeight(), preFlight.at()));
            }
            if (action instanceof Promote) {
                route.promote();
                return new Observation.Promoted();
            }
            if (action instanceof Hold) {
                route.hold();
                return new Observation.Held();
            }
            if (action instanceof Restore restore) {
                route.restore(restore.reason());
                return new Observation.Restored();
            }
            throw new IllegalStateException("unknown action " + action);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Observation.ActionFailed("interrupted");
        } catch (Exception | LinkageError e) {
            return new Observation.ActionFailed(messageOf(e));
        }
    }

    private void renewQuietly(RolloutState state) {
        if (state.phase() == Phase.WAITING) {
            try {
                route.renew();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // A missed renewal is retried at the next wake-up; the lease lasts several intervals.
                listener.onEvent(new TimelineEvent(clock.instant(), TimelineEvent.Type.ERROR, state.weight(),
                        "could not renew the route's lease: " + messageOf(e)));
            }
        }
    }

    private void tell(RolloutState before, RolloutState after) {
        if (after == before) {
            return;
        }
        listener.onState(after);
        for (int i = before.timeline().size(); i < after.timeline().size(); i++) {
            listener.onEvent(after.timeline().get(i));
        }
    }

    static String messageOf(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
