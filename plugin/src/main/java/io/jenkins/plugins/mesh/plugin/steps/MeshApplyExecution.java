package io.jenkins.plugins.mesh.plugin.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mesh.engine.apply.ApplyDriver;
import io.jenkins.plugins.mesh.engine.apply.ApplyEvent;
import io.jenkins.plugins.mesh.engine.apply.ApplyOptions;
import io.jenkins.plugins.mesh.engine.apply.ApplyOutcome;
import io.jenkins.plugins.mesh.engine.apply.ApplyPlan;
import io.jenkins.plugins.mesh.engine.apply.ApplyState;
import io.jenkins.plugins.mesh.engine.apply.ApplyStateJson;
import io.jenkins.plugins.mesh.engine.apply.PlanText;
import io.jenkins.plugins.mesh.engine.apply.PlannedChange;
import io.jenkins.plugins.mesh.engine.traffic.Holder;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Runs the engine's apply without holding a thread, the way {@code SleepStep} waits and as {@link MeshCanaryExecution}
 * runs a canary. Persisted: the step's parameters as strings and numbers, the plan and the engine's state as JSON
 * strings (never engine objects: Jenkins' class filter), the time of the next tick and the status line. The scheduled
 * tick is transient and re-armed by {@link #onResume()} after a controller restart. Each tick runs on
 * {@link Computer#threadPoolForRemoting}: the first reads the workspace files and plans; every tick lets the engine's
 * driver advance the state, which is saved before every action the engine takes.
 *
 * <p>Every decision is the engine's: what to lock, write, verify, analyse or revert, and how it ended. The user's
 * abort ({@link #stop(Throwable)}) is handed to the engine, which reverts every object before the step fails.
 */
public final class MeshApplyExecution extends TimerStepExecution {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(MeshApplyExecution.class.getName());
    private static final ApplyStateJson JSON = new ApplyStateJson();
    /** How long after the apply's deadline a tick that cannot reach the cluster or metrics is still retried. */
    private static final Duration RETRY_AFTER_DEADLINE = Duration.ofMinutes(5);

    private final String files;
    private final String cluster;
    private final String namespace;
    private final boolean prune;
    private final String metrics;
    private final ArrayList<String> checks;
    private final long watchMillis;
    private final long intervalMillis;
    private final long timeoutMillis;
    /** The plan as the engine's plan JSON, for the build page. */
    private String planJson;
    /** How many lines of the engine's timeline the log has; a resumed build goes on from there. */
    private int printed;

    MeshApplyExecution(StepContext context, String files, String cluster, String namespace, boolean prune,
            String metrics, ApplyOptions options) {
        super(context, "planning");
        this.files = files;
        this.cluster = cluster;
        this.namespace = namespace;
        this.prune = prune;
        this.metrics = metrics;
        this.checks = new ArrayList<>(options.checks());
        this.watchMillis = options.watch().toMillis();
        this.intervalMillis = options.interval().toMillis();
        this.timeoutMillis = options.timeout().toMillis();
    }

    @Override
    String undoing() {
        return "the objects are being reverted";
    }

    private ApplyOptions options() {
        return new ApplyOptions(checks, Duration.ofMillis(watchMillis), Duration.ofMillis(intervalMillis),
                Duration.ofMillis(timeoutMillis));
    }

    @Override
    void tick(Run<?, ?> run, TaskListener listener, String persisted, boolean abort) {
        ApplyState state;
        try {
            state = persisted == null ? null : JSON.read(persisted);
        } catch (Exception e) {
            getContext().onFailure(e);
            return;
        }
        PrintStream log = listener.getLogger();
        ApplyDriver.Progress progress;
        try (ApplyTick tick = ApplyTick.open(cluster, metrics, checks, Duration.ofMillis(intervalMillis), run)) {
            ApplyDriver driver = tick.driver(s -> record(s, nextTickMillis(), log), w -> log.println(
                    Messages.MeshApplyExecution_Warning(w)));
            if (state == null) {
                state = begin(tick, run, listener);
                if (state == null) {
                    return; // finished without writing: the step is already completed
                }
                progress = driver.advance(state);
            } else if (abort) {
                abortSent();
                progress = driver.abort(state, stoppedByOrDefault());
            } else {
                progress = driver.advance(state);
            }
        } catch (Throwable error) {
            if (!retryLater(error, state, log)) {
                failAfter(error, state, run);
            }
            return;
        }
        long next = progress.isDone() ? 0 : progress.wakeAt().toEpochMilli();
        record(progress.state(), next, log);
        if (progress.isDone()) {
            finish(progress.state(), run, log);
            return;
        }
        wakeAt(next);
    }

    /**
     * The first tick: reads the files from the workspace and plans them as {@code meshPlan} does. Conflicts, or
     * nothing to change, complete the step here, with nothing written.
     *
     * @return the state of the apply, persisted before anything is written; null when the step is completed
     */
    private ApplyState begin(ApplyTick tick, Run<?, ?> run, TaskListener listener) throws Exception {
        PrintStream log = listener.getLogger();
        ApplyPlan plan = ConfigPlanning.plan("meshApply", getContext().get(FilePath.class), files, namespace, prune,
                tick.cluster(), listener).plan();
        log.print(PlanText.render(plan));
        Map<String, Object> planMap = io.jenkins.plugins.mesh.engine.apply.PlanJson.toMap(plan);
        synchronized (this) {
            planJson = io.jenkins.plugins.mesh.engine.apply.PlanJson.write(plan);
        }
        List<PlannedChange> conflicts = plan.conflicts();
        if (!conflicts.isEmpty()) {
            String reason = Messages.MeshApplyExecution_Conflicts(conflicts.size(), conflicts.get(0).displayName(),
                    conflicts.get(0).reason());
            new ConfigRecord("meshApply", cluster, namespace, files, planMap).notStarted(reason).addTo(run);
            getContext().onFailure(new AbortException(reason));
            return null;
        }
        Holder holder = BuildCluster.holder(run);
        ApplyState state = ApplyState.start(plan, holder.identity(), holder.build(), options(), Instant.now());
        if (state.done()) {
            log.println(Messages.MeshApplyExecution_Finished(state.outcome(), Messages.MeshApplyExecution_Nothing()));
            new ConfigRecord("meshApply", cluster, namespace, files, planMap).applied(state).addTo(run);
            getContext().onSuccess(state.outcome().name());
            return null;
        }
        record(state, System.currentTimeMillis(), log);
        return state;
    }

    /** Persists the state (write-ahead: before the engine's next action) and prints its new timeline lines. */
    private void record(ApplyState state, long next, PrintStream log) {
        List<ApplyEvent> timeline = state.timeline();
        List<ApplyEvent> fresh;
        storeState(JSON.write(state));
        progressed(next, statusOf(state));
        synchronized (this) {
            fresh = printed < timeline.size() ? List.copyOf(timeline.subList(printed, timeline.size())) : List.of();
            printed = timeline.size();
        }
        saveState();
        for (ApplyEvent event : fresh) {
            log.println(Messages.MeshApplyExecution_Event(event.at(), event.message()));
        }
    }

    private static String statusOf(ApplyState state) {
        String last = state.analyses().isEmpty() ? "-"
                : state.analyses().get(state.analyses().size() - 1).verdict().toString();
        return Messages.MeshApplyExecution_Status(state.phase(), state.items().size(), last);
    }

    /** Records what was applied and reverted on the build page and completes the step as the outcome says. */
    private void finish(ApplyState state, Run<?, ?> run, PrintStream log) {
        recordOnPage(state, run);
        ApplyOutcome outcome = state.outcome();
        boolean aborted = stopRequested();
        if (outcome == ApplyOutcome.APPLIED) {
            log.println(Messages.MeshApplyExecution_Finished(outcome, checks.isEmpty()
                    ? Messages.MeshApplyExecution_AllVerified() : Messages.MeshApplyExecution_AllHealthy()));
            getContext().onSuccess(outcome.name());
        } else if (outcome == ApplyOutcome.REVERTED && aborted) {
            log.println(Messages.MeshApplyExecution_Finished(outcome, state.reason()));
            getContext().onFailure(stopCause());
        } else if (outcome == ApplyOutcome.REVERT_PENDING) {
            getContext().onFailure(new AbortException(Messages.MeshApplyExecution_RevertPending(state.reason(),
                    pendingNamespaces(state))));
        } else {
            getContext().onFailure(new AbortException(Messages.MeshApplyExecution_Failed(outcome, state.reason())));
        }
    }

    private void recordOnPage(ApplyState state, Run<?, ?> run) {
        String plan;
        synchronized (this) {
            plan = planJson;
        }
        new ConfigRecord("meshApply", cluster, namespace, files, ConfigRecord.planMap(plan)).applied(state)
                .addTo(run);
    }

    /** {@code shop}, or {@code shop bookinfo}: the namespaces whose Leases keep a pending revert. */
    private static String pendingNamespaces(ApplyState state) {
        return String.join(" ", state.items().stream().map(i -> i.namespace()).distinct().toList());
    }

    /**
     * A tick that could not connect (a credential, the configuration or the agent pool failed; reaching the cluster
     * for an action happens inside the engine, which handles it) is tried again with backoff until a little after the
     * apply's deadline and watch: giving up then leaves the objects with their Leases for {@code mesh rollback}.
     *
     * @return whether a retry was scheduled
     */
    private boolean retryLater(Throwable error, ApplyState state, PrintStream log) {
        if (state == null || state.done() || error instanceof Error) {
            return false;
        }
        Instant giveUpAt = state.deadline().plus(state.watch()).plus(RETRY_AFTER_DEADLINE);
        int attempt = failedTick();
        long wait = Math.min(120_000L, 5_000L << Math.min(attempt - 1, 5));
        if (Instant.now().plusMillis(wait).isAfter(giveUpAt)) {
            return false;
        }
        log.println(Messages.MeshApplyExecution_Retrying(error.getMessage(), Util.getTimeSpanString(wait)));
        retryIn(wait);
        return true;
    }

    /**
     * Something outside the engine's actions failed: before the first write nothing needs reverting; after it the
     * Leases keep the snapshots, and the message says how to revert.
     */
    private void failAfter(Throwable error, ApplyState state, Run<?, ?> run) {
        if (state == null) {
            getContext().onFailure(error);
            return;
        }
        recordOnPage(state, run);
        String message = error instanceof AbortException ? error.getMessage() : error.toString();
        AbortException failure = new AbortException(Messages.MeshApplyExecution_Interrupted(message,
                pendingNamespaces(state)));
        failure.initCause(error);
        getContext().onFailure(failure);
    }
}
