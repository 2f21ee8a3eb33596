package io.jenkins.plugins.mesh.plugin.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.mesh.engine.analysis.CustomQueryCheck;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * One health check of a canary step, written in a Pipeline as a map:
 * {@code checks: [[metric: 'successRate', min: 99], [metric: 'latencyP99', max: 500]]}. Each is one of the engine's
 * checks, written as its spec ({@link #spec()}); the engine parses and evaluates it. Built-in metrics use the Istio
 * standard metrics per version; {@code query} takes a PromQL expression that yields one number.
 */
public final class MeshCheck implements Describable<MeshCheck> {

    /**
     * The engine's checks by the names a Pipeline uses, with the threshold each takes: success rate in percent (min),
     * p99 latency in ms (max), requests per second (min), 5xx ratio compared with the stable version (none), p99
     * latency as a multiple of the stable version's (max), and a PromQL query (min and/or max).
     */
    public static final List<String> METRICS = List.of("successRate", "latencyP99", "requestRate",
            "errorRateVsStable", "latencyP99VsStable", "query");

    private final String metric;
    private String name;
    private Double min;
    private Double max;
    private String query;

    @DataBoundConstructor
    public MeshCheck(String metric) {
        this.metric = Util.fixEmptyAndTrim(metric);
    }

    public String getMetric() {
        return metric;
    }

    /** The name of a {@code query} check in the log and on the build page; {@code query} when unset. */
    public @CheckForNull String getName() {
        return name;
    }

    @DataBoundSetter
    public void setName(String name) {
        this.name = Util.fixEmptyAndTrim(name);
    }

    public @CheckForNull Double getMin() {
        return min;
    }

    @DataBoundSetter
    public void setMin(Double min) {
        this.min = min;
    }

    public @CheckForNull Double getMax() {
        return max;
    }

    @DataBoundSetter
    public void setMax(Double max) {
        this.max = max;
    }

    public @CheckForNull String getQuery() {
        return query;
    }

    @DataBoundSetter
    public void setQuery(String query) {
        this.query = Util.fixEmptyAndTrim(query);
    }

    /** What the data binding cannot check; null when the check is complete. */
    @CheckForNull
    String problem() {
        if (metric == null || !METRICS.contains(metric)) {
            return Messages.MeshCheck_UnknownMetric(metric, String.join(", ", METRICS));
        }
        String label = name != null ? name : metric;
        if ("query".equals(metric) == (query == null)) {
            return Messages.MeshCheck_QueryMismatch(label);
        }
        boolean wantsMin = metric.equals("successRate") || metric.equals("requestRate");
        boolean wantsMax = metric.equals("latencyP99") || metric.equals("latencyP99VsStable");
        if (wantsMin && (min == null || max != null)) {
            return Messages.MeshCheck_MinOnly(label);
        }
        if (wantsMax && (max == null || min != null)) {
            return Messages.MeshCheck_MaxOnly(label);
        }
        if (metric.equals("errorRateVsStable") && (min != null || max != null)) {
            return Messages.MeshCheck_NoThresholdTaken(label);
        }
        if (metric.equals("query") && min == null && max == null) {
            return Messages.MeshCheck_NoThreshold(label);
        }
        return null;
    }

    /**
     * The engine's specs of a step's checks, in order.
     *
     * @throws AbortException naming the first check that is incomplete or that the engine refuses
     */
    static List<String> specs(String step, List<MeshCheck> checks) throws AbortException {
        List<String> specs = new ArrayList<>();
        for (MeshCheck check : checks) {
            String problem = check.problem();
            if (problem != null) {
                throw new AbortException(problem);
            }
            try {
                specs.add(check.spec());
            } catch (IllegalArgumentException e) {
                throw new AbortException(step + ": " + e.getMessage());
            }
        }
        return specs;
    }

    /** The check in the engine's text form, e.g. {@code success-rate>=99} (after {@link #problem()} is null). */
    String spec() {
        return switch (metric) {
            case "successRate" -> "success-rate>=" + number(min);
            case "latencyP99" -> "latency-p99<=" + number(max);
            case "requestRate" -> "request-rate>=" + number(min);
            case "errorRateVsStable" -> "error-rate-vs-stable";
            case "latencyP99VsStable" -> "latency-p99-vs-stable<=" + number(max) + "x";
            default -> CustomQueryCheck.of(name != null ? name : "query", query, min, max).spec();
        };
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<MeshCheck> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.MeshCheck_DisplayName();
        }

        public ListBoxModel doFillMetricItems() {
            ListBoxModel items = new ListBoxModel();
            METRICS.forEach(items::add);
            return items;
        }

        public FormValidation doCheckQuery(@QueryParameter String metric, @QueryParameter String value) {
            if ("query".equals(metric) && Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.error(Messages.MeshCheck_QueryRequired());
            }
            return FormValidation.ok();
        }
    }
}
