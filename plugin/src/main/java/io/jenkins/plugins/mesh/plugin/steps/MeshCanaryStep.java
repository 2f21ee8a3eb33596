package io.jenkins.plugins.mesh.plugin.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.mesh.engine.DurationText;
import io.jenkins.plugins.mesh.engine.KubernetesName;
import io.jenkins.plugins.mesh.engine.analysis.HealthAnalysis;
import io.jenkins.plugins.mesh.engine.rollout.AnalysisMode;
import io.jenkins.plugins.mesh.engine.rollout.CanaryPlan;
import io.jenkins.plugins.mesh.engine.rollout.CanaryRequest;
import io.jenkins.plugins.mesh.engine.rollout.EndAction;
import io.jenkins.plugins.mesh.engine.rollout.InconclusiveAction;
import io.jenkins.plugins.mesh.engine.rollout.PhaseOptions;
import io.jenkins.plugins.mesh.engine.rollout.RolloutStateJson;
import io.jenkins.plugins.mesh.engine.rollout.StepWeights;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * {@code meshCanary}: shifts traffic from the stable to the canary version step by step, checks the metrics (every
 * {@code sampleEvery} with the sequential analysis, after each interval with the fixed one), and promotes, holds, or
 * restores the routes exactly as they were: the engine's canary rollout, with its traffic pre-flight. Returns
 * the outcome's name ({@code PROMOTED}, {@code HELD}, {@code INCONCLUSIVE}, or {@code DRY_RUN} for a dry run); an
 * {@code INCONCLUSIVE} canary marks the stage and the build UNSTABLE, any other outcome fails the step, after the
 * engine restored the routes.
 */
public class MeshCanaryStep extends MeshRouteStep {

    static final List<Integer> DEFAULT_STEPS = List.of(10, 25, 50);
    static final String DEFAULT_INTERVAL = "1m";
    static final String DEFAULT_ANALYSIS = word(CanaryRequest.DEFAULT_ANALYSIS);
    static final String DEFAULT_SAMPLE_EVERY = DurationText.format(CanaryPlan.DEFAULT_SAMPLE_EVERY);
    static final String DEFAULT_ON_INCONCLUSIVE = word(InconclusiveAction.RESTORE);

    private final String stable;
    private final String canary;
    /** The weights the Pipeline gave; null when it gave none (the default, or none after an A/B phase that ends). */
    private List<Integer> steps;
    private String interval = DEFAULT_INTERVAL;
    private List<MeshCheck> checks = List.of();
    private String metrics;
    private boolean promote = true;
    private int failureLimit;
    private int inconclusiveLimit;
    private String analysis = DEFAULT_ANALYSIS;
    private String sampleEvery = DEFAULT_SAMPLE_EVERY;
    private String onInconclusive = DEFAULT_ON_INCONCLUSIVE;
    private String mirror;
    private String mirrorFor;
    private String match;
    private String matchFor;
    private String afterMatch;
    private String sticky;

    @DataBoundConstructor
    public MeshCanaryStep(String cluster, String stable, String canary) {
        super(cluster);
        this.stable = Util.fixEmptyAndTrim(stable);
        this.canary = Util.fixEmptyAndTrim(canary);
    }

    /** The stable version: a DestinationRule subset (VirtualService) or a backend Service (HTTPRoute). */
    public String getStable() {
        return stable;
    }

    public String getCanary() {
        return canary;
    }

    /** Canary weights in percent, in order; the last one is held or followed by promotion. */
    public List<Integer> getSteps() {
        return steps == null ? DEFAULT_STEPS : steps;
    }

    /** The weights as the form shows them: {@code 10, 25, 50}. */
    public String getStepsText() {
        return StepWeights.format(getSteps());
    }

    @DataBoundSetter
    public void setSteps(List<Integer> steps) {
        this.steps = steps == null || steps.isEmpty() ? null : List.copyOf(steps);
    }

    /** How long each step runs before its checks are evaluated: {@code 30s}, {@code 1m}, {@code 5m}. */
    public String getInterval() {
        return interval;
    }

    @DataBoundSetter
    public void setInterval(String interval) {
        String value = Util.fixEmptyAndTrim(interval);
        this.interval = value == null ? DEFAULT_INTERVAL : value;
    }

    public List<MeshCheck> getChecks() {
        return checks;
    }

    @DataBoundSetter
    public void setChecks(List<MeshCheck> checks) {
        this.checks = checks == null ? List.of() : List.copyOf(checks);
    }

    /** The name of the configured metric server the checks query. */
    public String getMetrics() {
        return metrics;
    }

    @DataBoundSetter
    public void setMetrics(String metrics) {
        this.metrics = Util.fixEmptyAndTrim(metrics);
    }

    /** Whether to send all traffic to the canary after the last step passes; otherwise hold the last weight. */
    public boolean isPromote() {
        return promote;
    }

    @DataBoundSetter
    public void setPromote(boolean promote) {
        this.promote = promote;
    }

    /** How many failed analyses restore the routes; 0 means the engine's default (1, the first failure). */
    public int getFailureLimit() {
        return failureLimit;
    }

    @DataBoundSetter
    public void setFailureLimit(int failureLimit) {
        this.failureLimit = Math.max(0, failureLimit);
    }

    /**
     * How many inconclusive analyses in a row, at one step, end the rollout INCONCLUSIVE; 0 means the engine's
     * default (20).
     */
    public int getInconclusiveLimit() {
        return inconclusiveLimit;
    }

    @DataBoundSetter
    public void setInconclusiveLimit(int inconclusiveLimit) {
        this.inconclusiveLimit = Math.max(0, inconclusiveLimit);
    }

    /** {@code sequential} (default): a look every {@code sampleEvery}; {@code fixed}: one verdict per interval. */
    public String getAnalysis() {
        return analysis;
    }

    @DataBoundSetter
    public void setAnalysis(String analysis) {
        String value = Util.fixEmptyAndTrim(analysis);
        this.analysis = value == null ? DEFAULT_ANALYSIS : value;
    }

    /** Time between the sequential looks at the metrics: {@code 10s} (default); ignored by {@code fixed}. */
    public String getSampleEvery() {
        return sampleEvery;
    }

    @DataBoundSetter
    public void setSampleEvery(String sampleEvery) {
        String value = Util.fixEmptyAndTrim(sampleEvery);
        this.sampleEvery = value == null ? DEFAULT_SAMPLE_EVERY : value;
    }

    /** {@code restore} (default) or {@code hold} the routes when the analyses could not judge the canary. */
    public String getOnInconclusive() {
        return onInconclusive;
    }

    @DataBoundSetter
    public void setOnInconclusive(String onInconclusive) {
        String value = Util.fixEmptyAndTrim(onInconclusive);
        this.onInconclusive = value == null ? DEFAULT_ON_INCONCLUSIVE : value;
    }

    /** The share of requests mirrored to the canary in a first phase, in percent: {@code 10}, {@code 0.5}. */
    public String getMirror() {
        return mirror;
    }

    @DataBoundSetter
    public void setMirror(String mirror) {
        this.mirror = Util.fixEmptyAndTrim(mirror);
    }

    /** How long the mirror phase runs ({@code 5m}); null: one interval. */
    public String getMirrorFor() {
        return mirrorFor;
    }

    @DataBoundSetter
    public void setMirrorFor(String mirrorFor) {
        this.mirrorFor = Util.fixEmptyAndTrim(mirrorFor);
    }

    /**
     * The A/B phase's conditions, one a line ({@code header:x-canary=true}, {@code cookie:beta=1}): a request that
     * meets any of them goes to the canary. Null: no A/B phase.
     */
    public String getMatch() {
        return match;
    }

    @DataBoundSetter
    public void setMatch(String match) {
        this.match = Util.fixEmptyAndTrim(match);
    }

    /** How long the A/B phase runs ({@code 10m}); null: one interval. */
    public String getMatchFor() {
        return matchFor;
    }

    @DataBoundSetter
    public void setMatchFor(String matchFor) {
        this.matchFor = Util.fixEmptyAndTrim(matchFor);
    }

    /**
     * After the A/B phase: {@code end} (the rollout ends, no weighted steps), {@code keep} (the steps, matched requests
     * still on the canary) or {@code remove} (the steps, the A/B route taken away); null: the engine's default.
     */
    public String getAfterMatch() {
        return afterMatch;
    }

    @DataBoundSetter
    public void setAfterMatch(String afterMatch) {
        this.afterMatch = Util.fixEmptyAndTrim(afterMatch);
    }

    /** The cookie that keeps each user on one version during the weighted steps; null: no sticky sessions. */
    public String getSticky() {
        return sticky;
    }

    @DataBoundSetter
    public void setSticky(String sticky) {
        this.sticky = Util.fixEmptyAndTrim(sticky);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new MeshCanaryExecution(context, getCluster(), metrics, isDryRun(),
                new RolloutStateJson().write(request()));
    }

    /**
     * The engine's request made from the parameters, validated by the engine (so a bad parameter fails before anything
     * is read or written). Reads the global configuration only, for the cluster's default namespace.
     */
    CanaryRequest request() throws AbortException {
        checkTarget("meshCanary");
        if (stable == null || canary == null || stable.equals(canary)) {
            throw new AbortException(Messages.MeshCanaryStep_StableCanary());
        }
        if (metrics == null) {
            throw new AbortException(Messages.MeshCanaryStep_NeedsMetrics());
        }
        List<String> specs = MeshCheck.specs("meshCanary", checks);
        AnalysisMode mode = parsed("analysis", analysis, AnalysisMode::parse);
        Duration sampling = parsed("sampleEvery", sampleEvery, DurationText::parse);
        InconclusiveAction inconclusive = parsed("onInconclusive", onInconclusive, InconclusiveAction::parse);
        String namespace = resolvedNamespace("meshCanary");
        try {
            Duration every = DurationText.parse(interval);
            PhaseOptions options = CanaryPhaseFields.options(mirror, mirrorFor, match, matchFor, afterMatch, sticky);
            // afterMatch: 'end' is how a Pipeline asks for an A/B phase alone: the default weights do not apply
            List<Integer> weights = steps == null && options.endsAfterMatch(true) ? List.of() : getSteps();
            return new CanaryRequest(kind(), namespace, objectName(), getRoute(), stable, canary, weights,
                    every, specs, HealthAnalysis.DEFAULT_MIN_REQUESTS, null, null,
                    promote ? EndAction.PROMOTE : EndAction.HOLD, failureLimit, inconclusiveLimit, null, false,
                    mode, sampling, inconclusive, options.phases(every, weights));
        } catch (IllegalArgumentException e) {
            throw new AbortException("meshCanary: " + e.getMessage());
        }
    }

    /** A parameter read by the engine's parser; a bad value names the parameter, before anything is read. */
    private static <T> T parsed(String parameter, String value, Function<String, T> parse) throws AbortException {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new AbortException(Messages.MeshCanaryStep_BadParameter(parameter, e.getMessage()));
        }
    }

    /** The engine's names as a Pipeline writes them: {@code sequential}, {@code restore}. */
    static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    @Extension
    @Symbol("meshCanary")
    public static final class DescriptorImpl extends MeshStepDescriptor {

        @Override
        public String getFunctionName() {
            return "meshCanary";
        }

        /** The step's node too: an INCONCLUSIVE canary marks it unstable. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.MeshCanaryStep_DisplayName();
        }

        public FormValidation doCheckStable(@QueryParameter String value) {
            return requiredName(value);
        }

        public FormValidation doCheckCanary(@QueryParameter String value) {
            return requiredName(value);
        }

        public FormValidation doCheckInterval(@QueryParameter String value) {
            return checkDuration(value);
        }

        public FormValidation doCheckSampleEvery(@QueryParameter String value) {
            FormValidation syntax = checkDuration(value);
            if (syntax.kind != FormValidation.Kind.OK || Util.fixEmptyAndTrim(value) == null) {
                return syntax;
            }
            // the engine's own rule (at least 1s), with its message
            try {
                CanaryPlan.of(DEFAULT_STEPS, CanaryRequest.DEFAULT_INTERVAL, EndAction.PROMOTE)
                        .withAnalysis(AnalysisMode.SEQUENTIAL, DurationText.parse(value));
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        /** The analysis modes, the default first so the form shows it. */
        public ListBoxModel doFillAnalysisItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.MeshCanaryStep_AnalysisSequential(), word(AnalysisMode.SEQUENTIAL));
            items.add(Messages.MeshCanaryStep_AnalysisFixed(), word(AnalysisMode.FIXED));
            return items;
        }

        /** What to do with the routes of a canary that could not be judged, the default first. */
        public ListBoxModel doFillOnInconclusiveItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.MeshCanaryStep_InconclusiveRestore(), word(InconclusiveAction.RESTORE));
            items.add(Messages.MeshCanaryStep_InconclusiveHold(), word(InconclusiveAction.HOLD));
            return items;
        }

        /** What follows the A/B phase; blank first: the engine's default (keep the A/B route during the steps). */
        public ListBoxModel doFillAfterMatchItems() {
            return CanaryPhaseFields.afterMatchItems();
        }

        public FormValidation doCheckMirror(@QueryParameter String value) {
            return CanaryPhaseFields.checkMirror(value);
        }

        public FormValidation doCheckMirrorFor(@QueryParameter String value) {
            return checkDuration(value);
        }

        public FormValidation doCheckMatch(@QueryParameter String value) {
            return CanaryPhaseFields.checkMatch(value);
        }

        public FormValidation doCheckMatchFor(@QueryParameter String value) {
            return checkDuration(value);
        }

        public FormValidation doCheckSticky(@QueryParameter String value) {
            return CanaryPhaseFields.checkSticky(value);
        }

        /** An optional duration field: {@code 30s}, {@code 1m}, {@code 1h30m}. */
        static FormValidation checkDuration(String value) {
            String v = Util.fixEmptyAndTrim(value);
            if (v == null) {
                return FormValidation.ok();
            }
            try {
                DurationText.parse(v);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        /** The weights field of the form: {@code 10, 25, 50}. */
        public FormValidation doCheckSteps(@QueryParameter String value) {
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.ok();
            }
            try {
                StepWeights.parse(value);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        /**
         * The form (Snippet Generator) holds the weights as text, {@code 10, 25, 50}; a Pipeline passes a list. The
         * text is read here, so the step itself only ever binds a list.
         */
        @Override
        public Step newInstance(@Nullable StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
            Object steps = formData.opt("steps");
            if (steps instanceof String text) {
                if (Util.fixEmptyAndTrim(text) == null) {
                    formData.remove("steps");
                } else {
                    // an IllegalArgumentException is what the Snippet Generator shows in place of the snippet
                    formData.put("steps", JSONArray.fromObject(StepWeights.parse(text)));
                }
            }
            return super.newInstance(req, formData);
        }

        public FormValidation doCheckFailureLimit(@QueryParameter String value) {
            return Util.fixEmptyAndTrim(value) == null ? FormValidation.ok()
                    : FormValidation.validateNonNegativeInteger(value);
        }

        public FormValidation doCheckInconclusiveLimit(@QueryParameter String value) {
            return doCheckFailureLimit(value);
        }

        static FormValidation requiredName(String value) {
            String name = Util.fixEmptyAndTrim(value);
            if (name == null) {
                return FormValidation.error(Messages.MeshCanaryStep_Required());
            }
            return KubernetesName.isSubdomain(name) ? FormValidation.ok()
                    : FormValidation.error(Messages.MeshStepDescriptor_BadName(name));
        }
    }
}
