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
import io.jenkins.plugins.mesh.engine.apply.ApplyObservation.AbortRequested;
import io.jenkins.plugins.mesh.engine.apply.ApplyObservation.Analysed;
import io.jenkins.plugins.mesh.engine.apply.ApplyObservation.Failed;
import io.jenkins.plugins.mesh.engine.apply.ApplyObservation.Reverted;
import io.jenkins.plugins.mesh.engine.apply.ApplyObservation.Succeeded;
import java.time.Instant;
import java.util.List;

/**
 * The apply as a pure function {@code next(state, observation, now) -> (state, action)}: no I/O, no clock of its
 * own. Lock every object, write, verify, watch; on a failed or inconclusive-at-the-end check, an error, an abort or
 * the deadline, revert every object that may hold a write (newest first), then release the Leases, keeping those
 * whose revert is pending with a mark. An object another party edited after our write keeps their edit.
 */
public final class ApplyStateMachine {

    /** Decides what to do next, given what the last action (or the outside) reported. */
    public ApplyDecision next(ApplyState state, ApplyObservation observation, Instant now) {
        ApplyState current = absorb(state, observation, now);
        if (forward(current.phase()) && current.phase() != ApplyPhase.WATCHING && now.isAfter(current.deadline())) {
            current = reverting(current, now, "the deadline " + current.deadline() + " passed before the change "
                    + "was written and verified");
        }
        return decide(current, now);
    }

    private static boolean forward(ApplyPhase phase) {
        return phase == ApplyPhase.LOCKING || phase == ApplyPhase.WRITING || phase == ApplyPhase.VERIFYING
                || phase == ApplyPhase.WATCHING;
    }

    private ApplyState absorb(ApplyState state, ApplyObservation observation, Instant now) {
        if (observation instanceof AbortRequested abort) {
            return forward(state.phase()) ? reverting(state, now, "aborted by " + abort.by()) : state;
        }
        if (observation instanceof Succeeded ok) {
            ApplyItem item = state.items().get(ok.index());
            ItemStatus next = switch (state.phase()) {
                case LOCKING -> ItemStatus.LOCKED;
                case WRITING -> ItemStatus.WRITTEN;
                case VERIFYING -> ItemStatus.VERIFIED;
                default -> item.status();
            };
            if (state.phase() == ApplyPhase.RELEASING) {
                return state.withItem(ok.index(), item.released());
            }
            ApplyState updated = state.withItem(ok.index(), item.withStatus(next, null));
            return state.phase() == ApplyPhase.WRITING
                    ? updated.log(now, item.action().label() + " " + item.displayName()) : updated;
        }
        if (observation instanceof Reverted reverted) {
            ApplyItem item = state.items().get(reverted.index());
            return state.withItem(reverted.index(), item.withStatus(reverted.result(), reverted.message()))
                    .log(now, switch (reverted.result()) {
                        case REVERTED -> "reverted " + item.displayName();
                        case UNTOUCHED -> item.displayName() + " was never written: nothing to revert";
                        default -> "kept " + item.displayName() + ": " + reverted.message();
                    });
        }
        if (observation instanceof Analysed analysed) {
            return afterAnalysis(state.withAnalysis(analysed.record()), analysed.record(), now);
        }
        if (observation instanceof Failed failed) {
            return afterFailure(state, failed, now);
        }
        return state;
    }

    private ApplyState afterAnalysis(ApplyState state, GateRecord record, Instant now) {
        if (state.phase() != ApplyPhase.WATCHING) {
            return state;
        }
        if (record.verdict() == Verdict.FAIL) {
            return reverting(state, now, "health check failed: " + record.summary());
        }
        if (!now.isBefore(state.watchUntil())) {
            return record.verdict() == Verdict.PASS
                    ? state.ending(ApplyPhase.RELEASING, ApplyOutcome.APPLIED, null)
                        .log(now, "healthy for the whole watch of "
                                + io.jenkins.plugins.mesh.engine.DurationText.format(state.watch()))
                    : reverting(state, now, "the health checks were inconclusive at the end of the watch (never a "
                            + "pass): " + record.summary());
        }
        Instant next = min(now.plus(state.options().interval()), state.watchUntil());
        return state.withWatch(state.changedAt(), state.watchUntil(), next);
    }

    private ApplyState afterFailure(ApplyState state, Failed failed, Instant now) {
        ApplyItem item = failed.index() >= 0 ? state.items().get(failed.index()) : null;
        String what = item == null ? failed.message() : item.displayName() + ": " + failed.message();
        return switch (state.phase()) {
            case LOCKING -> state.ending(ApplyPhase.RELEASING, ApplyOutcome.NOT_STARTED, "cannot lock " + what)
                    .log(now, "cannot lock " + what);
            case WRITING, VERIFYING -> reverting(state, now, (state.phase() == ApplyPhase.WRITING ? "cannot write "
                    : "verification failed for ") + what);
            case WATCHING -> afterAnalysis(state.withAnalysis(new GateRecord(now, Verdict.INCONCLUSIVE,
                    "the analysis failed: " + failed.message())), new GateRecord(now, Verdict.INCONCLUSIVE,
                    "the analysis failed: " + failed.message()), now);
            case REVERTING -> state.withItem(failed.index(), item.withStatus(ItemStatus.REVERT_PENDING,
                    failed.message())).log(now, "revert pending for " + what);
            case RELEASING -> state.withItem(failed.index(), item.released())
                    .log(now, "the Lease " + item.namespace() + "/" + item.lease() + " was not released (it "
                            + "expires; delete it to free the object): " + failed.message());
            case DONE -> state;
        };
    }

    private static ApplyState reverting(ApplyState state, Instant now, String reason) {
        return state.ending(ApplyPhase.REVERTING, null, reason).log(now, "reverting: " + reason);
    }

    private ApplyDecision decide(ApplyState state, Instant now) {
        List<ApplyItem> items = state.items();
        switch (state.phase()) {
            case LOCKING -> {
                int i = first(items, ItemStatus.PLANNED, ItemStatus.LOCKING);
                if (i >= 0) {
                    return new ApplyDecision(state.withItem(i, items.get(i).withStatus(ItemStatus.LOCKING, null)),
                            new Lock(i));
                }
                return decide(state.with(ApplyPhase.WRITING, items).log(now, "locked " + items.size()
                        + " object(s), snapshots stored in their Leases"), now);
            }
            case WRITING -> {
                int i = first(items, ItemStatus.LOCKED, ItemStatus.WRITING);
                if (i >= 0) {
                    return new ApplyDecision(state.withItem(i, items.get(i).withStatus(ItemStatus.WRITING, null)),
                            new Write(i));
                }
                return decide(state.with(ApplyPhase.VERIFYING, items), now);
            }
            case VERIFYING -> {
                int i = first(items, ItemStatus.WRITTEN);
                if (i >= 0) {
                    return new ApplyDecision(state, new Verify(i));
                }
                ApplyState verified = state.log(now, "verified " + items.size() + " object(s) by reading back");
                if (state.options().checks().isEmpty()) {
                    return decide(verified.ending(ApplyPhase.RELEASING, ApplyOutcome.APPLIED, null)
                            .withWatch(now, null, null), now);
                }
                Instant until = now.plus(state.options().watch());
                ApplyState watching = verified.with(ApplyPhase.WATCHING, items)
                        .withWatch(now, until, min(now.plus(state.options().interval()), until))
                        .log(now, "watching the routed services until " + until);
                return decide(watching, now);
            }
            case WATCHING -> {
                if (now.isBefore(state.nextAnalysis())) {
                    return new ApplyDecision(state, new WaitUntil(state.nextAnalysis()));
                }
                return new ApplyDecision(state, new Analyse(state.changedAt(), now));
            }
            case REVERTING -> {
                for (int i = items.size() - 1; i >= 0; i--) {
                    if (items.get(i).status().mayHoldWrite()) {
                        return new ApplyDecision(state, new Revert(i));
                    }
                }
                return decide(state.ending(ApplyPhase.RELEASING, revertOutcome(items), null), now);
            }
            case RELEASING -> {
                for (int i = 0; i < items.size(); i++) {
                    ApplyItem item = items.get(i);
                    if (item.status().mayHoldLease() && !item.leaseDone()) {
                        return new ApplyDecision(state, item.status() == ItemStatus.REVERT_PENDING
                                ? new MarkPending(i, item.message()) : new Release(i));
                    }
                }
                return new ApplyDecision(state.with(ApplyPhase.DONE, items).log(now, "finished: "
                        + state.outcome()), new Finish());
            }
            case DONE -> {
                return new ApplyDecision(state, new Finish());
            }
            default -> throw new IllegalStateException("unknown phase " + state.phase());
        }
    }

    private static ApplyOutcome revertOutcome(List<ApplyItem> items) {
        if (items.stream().anyMatch(i -> i.status() == ItemStatus.REVERT_PENDING)) {
            return ApplyOutcome.REVERT_PENDING;
        }
        boolean anyWritten = items.stream().anyMatch(i -> i.status() == ItemStatus.REVERTED
                || i.status() == ItemStatus.KEPT);
        return anyWritten ? ApplyOutcome.REVERTED : ApplyOutcome.NOT_STARTED;
    }

    /** The first item in one of {@code statuses}: an action whose answer was lost is simply repeated. */
    private static int first(List<ApplyItem> items, ItemStatus... statuses) {
        for (int i = 0; i < items.size(); i++) {
            if (List.of(statuses).contains(items.get(i).status())) {
                return i;
            }
        }
        return -1;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
