package io.jenkins.plugins.mesh.engine.apply;

import io.jenkins.plugins.mesh.engine.traffic.ObjectLeaseName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * All an apply is: its objects (each with its snapshot and how far it got), its watch, and where it stands. Immutable;
 * round-trips through {@link ApplyStateJson}, so a Jenkins step can persist it after every tick, and a killed run can
 * be resumed ({@link ApplyDriver#advance}) or reverted ({@link ApplyDriver#abort}) from it.
 *
 * @param holder who holds the Leases (a build URL, {@code user@host})
 * @param build the build, for audit events, or null
 * @param phase where it stands
 * @param items the objects, in the plan's order
 * @param options checks, watch, interval, timeout
 * @param started when it started
 * @param deadline when locking, writing and verifying must be over (after it, the apply reverts)
 * @param changedAt when the last write was verified (the health gate's "before"/"after" line), or null
 * @param watchUntil when the watch ends, or null
 * @param nextAnalysis when the next analysis is due, or null
 * @param analyses every health analysis so far
 * @param outcome how it ended (set when it starts releasing), or null
 * @param reason why it reverted or did not start, or null
 * @param timeline what happened
 */
public record ApplyState(String holder, String build, ApplyPhase phase, List<ApplyItem> items, ApplyOptions options,
        Instant started, Instant deadline, Instant changedAt, Instant watchUntil, Instant nextAnalysis,
        List<GateRecord> analyses, ApplyOutcome outcome, String reason, List<ApplyEvent> timeline) {

    public ApplyState {
        items = List.copyOf(items);
        analyses = List.copyOf(analyses);
        timeline = List.copyOf(timeline);
    }

    /**
     * A new apply of {@code plan}'s creates, updates and deletes.
     *
     * @throws IllegalArgumentException when the plan has conflicts: apply refuses them
     */
    public static ApplyState start(ApplyPlan plan, String holder, String build, ApplyOptions options,
            Instant now) {
        if (!plan.conflicts().isEmpty()) {
            throw new IllegalArgumentException(plan.conflicts().size() + " object(s) in conflict, e.g. "
                    + plan.conflicts().get(0).displayName() + ": " + plan.conflicts().get(0).reason());
        }
        List<ApplyItem> items = new ArrayList<>();
        for (PlannedChange change : plan.writes()) {
            io.jenkins.plugins.mesh.engine.config.MeshKind kind = kindOf(change);
            items.add(new ApplyItem(change.action(), kind, change.namespace(), change.name(), change.file(),
                    change.line(), change.desired(), change.live() == null ? null : Snapshots.strip(change.live()),
                    ObjectLeaseName.of(kind.qualifiedKind(), change.name()), ItemStatus.PLANNED, false, null));
        }
        ApplyPhase phase = items.isEmpty() ? ApplyPhase.DONE : ApplyPhase.LOCKING;
        ApplyOutcome outcome = items.isEmpty() ? ApplyOutcome.APPLIED : null;
        List<ApplyEvent> timeline = List.of(new ApplyEvent(now, items.isEmpty() ? "nothing to change"
                : "apply of " + items.size() + " object(s) started by " + holder));
        return new ApplyState(holder, build, phase, items, options, now, now.plus(options.timeout()), null, null,
                null, List.of(), outcome, null, timeline);
    }

    private static io.jenkins.plugins.mesh.engine.config.MeshKind kindOf(PlannedChange change) {
        return io.jenkins.plugins.mesh.engine.config.MeshKind.of(change.apiVersion(), change.kind())
                .orElseThrow(() -> new IllegalArgumentException(change.displayName() + " has apiVersion "
                        + change.apiVersion() + ", which Mesh Pipeline does not apply"));
    }

    /** Whether the apply is over. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean done() {
        return phase == ApplyPhase.DONE;
    }

    /** How long the watch lasts. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public Duration watch() {
        return options.watch();
    }

    ApplyState with(ApplyPhase newPhase, List<ApplyItem> newItems) {
        return new ApplyState(holder, build, newPhase, newItems, options, started, deadline, changedAt, watchUntil,
                nextAnalysis, analyses, outcome, reason, timeline);
    }

    ApplyState withItem(int index, ApplyItem item) {
        List<ApplyItem> copy = new ArrayList<>(items);
        copy.set(index, item);
        return with(phase, copy);
    }

    ApplyState withWatch(Instant newChangedAt, Instant newWatchUntil, Instant newNextAnalysis) {
        return new ApplyState(holder, build, phase, items, options, started, deadline, newChangedAt, newWatchUntil,
                newNextAnalysis, analyses, outcome, reason, timeline);
    }

    ApplyState withAnalysis(GateRecord record) {
        List<GateRecord> copy = new ArrayList<>(analyses);
        copy.add(record);
        return new ApplyState(holder, build, phase, items, options, started, deadline, changedAt, watchUntil,
                nextAnalysis, copy, outcome, reason, timeline);
    }

    ApplyState ending(ApplyPhase newPhase, ApplyOutcome newOutcome, String newReason) {
        return new ApplyState(holder, build, newPhase, items, options, started, deadline, changedAt, watchUntil,
                nextAnalysis, analyses, newOutcome, newReason == null ? reason : newReason, timeline);
    }

    ApplyState log(Instant at, String message) {
        List<ApplyEvent> copy = new ArrayList<>(timeline);
        copy.add(new ApplyEvent(at, message));
        return new ApplyState(holder, build, phase, items, options, started, deadline, changedAt, watchUntil,
                nextAnalysis, analyses, outcome, reason, copy);
    }
}
