package io.jenkins.plugins.mesh.engine.rollout;

import io.jenkins.plugins.mesh.engine.traffic.AppliedChange;
import io.jenkins.plugins.mesh.engine.traffic.Destination;
import io.jenkins.plugins.mesh.engine.traffic.Holder;
import io.jenkins.plugins.mesh.engine.traffic.LeaseRef;
import io.jenkins.plugins.mesh.engine.traffic.RouteChange;
import io.jenkins.plugins.mesh.engine.traffic.RouteLease;
import io.jenkins.plugins.mesh.engine.traffic.RouteTarget;
import io.jenkins.plugins.mesh.engine.traffic.TrafficController;
import io.jenkins.plugins.mesh.engine.traffic.TrafficException;
import io.jenkins.plugins.mesh.engine.traffic.WeightChange;
import io.jenkins.plugins.mesh.engine.traffic.WeightedDestination;
import java.util.List;

/**
 * The rollout's hands on a real route: the traffic controller's lease, snapshot, weights and exact restore, for
 * one target and one holder. It keeps nothing that matters between calls, so a resumed rollout builds a new one.
 */
public final class TrafficRouteControl implements RouteControl {

    private final TrafficController traffic;
    private final RouteTarget target;
    private final Holder holder;
    private final boolean takeOver;
    private LeaseRef lease;

    public TrafficRouteControl(TrafficController traffic, RouteTarget target, Holder holder, boolean takeOver) {
        this.traffic = traffic;
        this.target = target;
        this.holder = holder;
        this.takeOver = takeOver;
    }

    @Override
    public void acquire() {
        lease = traffic.begin(target, holder, takeOver).ref();
    }

    @Override
    public int setWeight(int weight) {
        return canaryWeight(traffic.setWeight(target, holder, weight));
    }

    /**
     * Takes away the rollout's route changes the stage does not keep, adds those it lacks, then sets the weight: the
     * order that exposes no user to the canary before the stage means to (a mirror ends before an A/B route starts,
     * sticky cookies are set up before the canary gets weight). Each write is idempotent, so a resumed rollout repeats
     * this safely.
     */
    @Override
    public int shift(int weight, List<RouteChange> changes) {
        List<AppliedChange> recorded = traffic.lease(lease()).map(RouteLease::changes).orElse(List.of());
        for (AppliedChange applied : recorded) {
            if (!changes.contains(applied.change())) {
                traffic.removeChange(target, holder, applied.change().kind());
            }
        }
        for (RouteChange change : changes) {
            boolean inPlace = recorded.stream().anyMatch(applied -> applied.change().equals(change)
                    && applied.state() == AppliedChange.State.ADDED);
            if (!inPlace) {
                traffic.addChange(target, holder, change);
            }
        }
        return setWeight(weight);
    }

    @Override
    public void promote() {
        try {
            traffic.promote(target, holder);
        } catch (TrafficException e) {
            // A promotion releases the lease after its write: a resumed rollout whose promotion had completed just
            // before the crash finds no lease, and the canary already at 100. Anything else is a real failure.
            if (e.reason() != TrafficException.Reason.NO_LEASE || traffic.preview(target, 100).changes()) {
                throw e;
            }
        }
    }

    /** The lease stays with its snapshot, so a rollback still restores the pre-canary routes. */
    @Override
    public void hold() {
        traffic.renew(lease(), holder);
    }

    @Override
    public void restore(String reason) {
        try {
            traffic.restore(lease(), holder);
        } catch (TrafficException e) {
            // The lease is released only after a verified restore (or a promotion): without it there is nothing
            // left to put back, e.g. a resumed rollout whose restore had completed just before the crash.
            if (e.reason() != TrafficException.Reason.NO_LEASE) {
                throw e;
            }
        }
    }

    @Override
    public void renew() {
        traffic.renew(lease(), holder);
    }

    private LeaseRef lease() {
        if (lease == null) {
            lease = traffic.leaseOf(target);
        }
        return lease;
    }

    private int canaryWeight(WeightChange change) {
        Destination canary = target.canary();
        for (WeightedDestination destination : change.after()) {
            if (destination.destination().equals(canary)) {
                return destination.weight();
            }
        }
        throw new IllegalStateException("the route no longer holds the canary " + canary + " after the write: "
                + change.after());
    }
}
