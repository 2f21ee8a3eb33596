package io.jenkins.plugins.mesh.simulator.resilience;

import io.jenkins.plugins.mesh.simulator.ApiFault;
import java.util.List;
import java.util.Map;

/**
 * What a {@link FaultCampaign} saw: how its runs ended, how many faults the proxies injected, and every run that broke
 * a guarantee (route neither restored nor promoted, a pending restore without its mark, an edit of someone else
 * overwritten).
 *
 * @param runs canaries run
 * @param promoted ended PROMOTED with the canary at 100 and the lease released
 * @param restored ended ROLLED_BACK or ABORTED with the route equal to its snapshot and the lease released
 * @param notStarted ended NOT_STARTED with the route untouched
 * @param pending ended RESTORE_PENDING with the mark in the Lease
 * @param completedByRollback pending restores a later rollback completed once the faults stopped
 * @param outageRuns runs whose VirtualService writes all failed from the first restore on (to force pending restores)
 * @param faults faults injected, per type
 * @param forwarded requests that reached the API server
 * @param actorEdits edits of other routes and fields made during the rollouts
 * @param clobbered actor edits found overwritten at the end (must be 0)
 * @param notStartedReasons why the runs that did not start stopped, with counts
 * @param violations runs that broke a guarantee, described
 * @param elapsedMillis wall-clock time of the whole campaign
 */
public record FaultCampaignFigures(int runs, int promoted, int restored, int notStarted, int pending,
        int completedByRollback, int outageRuns, Map<ApiFault, Long> faults, long forwarded, int actorEdits,
        int clobbered, Map<String, Integer> notStartedReasons, List<String> violations, long elapsedMillis) {

    /** All faults injected. */
    public long faultsTotal() {
        return faults.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Every run ended where it should, and nobody's edit was lost. */
    public boolean allGuaranteesHeld() {
        return violations.isEmpty() && clobbered == 0 && pending == completedByRollback
                && promoted + restored + notStarted + pending == runs;
    }

    /** A multi-line summary for people and docs. */
    public String summary() {
        return "runs " + runs + ": promoted " + promoted + ", restored " + restored + ", not started " + notStarted
                + ", restore pending " + pending + " (completed by a later rollback: " + completedByRollback + ")"
                + "\nruns with a VirtualService outage from the first restore on: " + outageRuns
                + "\nfaults injected " + faultsTotal() + " " + faults + "; requests forwarded " + forwarded
                + "\nwhy runs did not start: " + new java.util.TreeMap<>(notStartedReasons)
                + "\nthird-party edits " + actorEdits + ", clobbered " + clobbered
                + "\nviolations " + violations.size() + (violations.isEmpty() ? "" : ": " + violations)
                + "\nelapsed " + elapsedMillis + " ms";
    }
}
