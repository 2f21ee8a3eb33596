package io.jenkins.plugins.mesh.plugin.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * One health check of a canary step, written in a Pipeline as a map:
 * {@code checks: [[metric: 'successRate', min: 99], [metric: 'latencyP99', max: 500]]}. Built-in metrics use the
 * Istio standard metrics per version; {@code query} takes a PromQL expression that yields one number.
 */
public final class MeshCheck extends AbstractDescribableImpl<MeshCheck> {

    /** Built-in metrics: percent of non-5xx responses, 99th percentile latency in ms, percent of 5xx responses. */
    public static final List<String> METRICS = List.of("successRate", "latencyP99", "errorRate", "query");

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

    /** The name shown in the log and on the build page; the metric when unset. */
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
        if (min == null && max == null) {
            return Messages.MeshCheck_NoThreshold(name != null ? name : metric);
        }
        if ("query".equals(metric) == (query == null)) {
            return Messages.MeshCheck_QueryMismatch(name != null ? name : metric);
        }
        return null;
    }

    Map<String, Object> plan() {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("name", name != null ? name : metric);
        plan.put("metric", metric);
        plan.put("min", min);
        plan.put("max", max);
        plan.put("query", query);
        return plan;
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
