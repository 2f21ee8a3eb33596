package io.jenkins.plugins.mesh.plugin.steps;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.mesh.engine.DurationText;
import io.jenkins.plugins.mesh.engine.analysis.HealthAnalysis;
import io.jenkins.plugins.mesh.engine.rollout.AnalysisRequest;
import io.jenkins.plugins.mesh.engine.rollout.FailOn;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import io.jenkins.plugins.mesh.plugin.config.MeshCluster;
import io.jenkins.plugins.mesh.plugin.config.MeshPipelineConfiguration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code meshAnalyze}: the health checks of a canary, run once against the current traffic over one window, with no
 * route change and no lock, for pipelines that shift traffic themselves ({@code meshTraffic}), run their own tests
 * and decide. The versions are named through a route ({@code cluster} and {@code virtualService} or
 * {@code httpRoute}), as two subsets of {@code service}, or as two Services. Returns the analysis as a map and fails
 * the stage as {@code failOn} says.
 */
public class MeshAnalyzeStep extends Step {

    static final String DEFAULT_WINDOW = "1m";

    private final String stable;
    private final String canary;
    private String cluster;
    private String namespace;
    private String virtualService;
    private String httpRoute;
    private String route;
    private String service;
    private String metrics;
    private List<MeshCheck> checks = List.of();
    private String window = DEFAULT_WINDOW;
    private String failOn = FailOn.DEFAULT.word();

    @DataBoundConstructor
    public MeshAnalyzeStep(String stable, String canary) {
        this.stable = Util.fixEmptyAndTrim(stable);
        this.canary = Util.fixEmptyAndTrim(canary);
    }

    /** The stable version: a subset, {@code host:subset} or a host, as for {@code meshCanary}. */
    public String getStable() {
        return stable;
    }

    public String getCanary() {
        return canary;
    }

    /** The configured cluster whose route names the versions; not needed with {@code service} or two hosts. */
    public @CheckForNull String getCluster() {
        return cluster;
    }

    @DataBoundSetter
    public void setCluster(String cluster) {
        this.cluster = Util.fixEmptyAndTrim(cluster);
    }

    public @CheckForNull String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = Util.fixEmptyAndTrim(namespace);
    }

    public @CheckForNull String getVirtualService() {
        return virtualService;
    }

    @DataBoundSetter
    public void setVirtualService(String virtualService) {
        this.virtualService = Util.fixEmptyAndTrim(virtualService);
    }

    public @CheckForNull String getHttpRoute() {
        return httpRoute;
    }

    @DataBoundSetter
    public void setHttpRoute(String httpRoute) {
        this.httpRoute = Util.fixEmptyAndTrim(httpRoute);
    }

    public @CheckForNull String getRoute() {
        return route;
    }

    @DataBoundSetter
    public void setRoute(String route) {
        this.route = Util.fixEmptyAndTrim(route);
    }

    /** The Service whose subsets {@code stable} and {@code canary} are, when no route names them. */
    public @CheckForNull String getService() {
        return service;
    }

    @DataBoundSetter
    public void setService(String service) {
        this.service = Util.fixEmptyAndTrim(service);
    }

    public String getMetrics() {
        return metrics;
    }

    @DataBoundSetter
    public void setMetrics(String metrics) {
        this.metrics = Util.fixEmptyAndTrim(metrics);
    }

    public List<MeshCheck> getChecks() {
        return checks;
    }

    @DataBoundSetter
    public void setChecks(List<MeshCheck> checks) {
        this.checks = checks == null ? List.of() : List.copyOf(checks);
    }

    /** How far back the checks look: {@code 30s}, {@code 1m}, {@code 5m}. */
    public String getWindow() {
        return window;
    }

    @DataBoundSetter
    public void setWindow(String window) {
        String value = Util.fixEmptyAndTrim(window);
        this.window = value == null ? DEFAULT_WINDOW : value;
    }

    /** {@code inconclusive} (anything but a pass fails), {@code fail} (only a failed check) or {@code never}. */
    public String getFailOn() {
        return failOn;
    }

    @DataBoundSetter
    public void setFailOn(String failOn) {
        String value = Util.fixEmptyAndTrim(failOn);
        this.failOn = value == null ? FailOn.DEFAULT.word() : value;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new MeshAnalyzeExecution(context, planJson());
    }

    /**
     * The parameters as plain values, checked by building the engine's request from them (so a bad parameter fails
     * before anything is read). Reads the global configuration only, for the cluster's default namespace.
     */
    String planJson() throws AbortException {
        if (metrics == null) {
            throw new AbortException(Messages.MeshAnalyzeStep_NeedsMetrics());
        }
        if (virtualService != null && httpRoute != null) {
            throw new AbortException(Messages.MeshRouteStep_OneTarget("meshAnalyze"));
        }
        if ((virtualService != null || httpRoute != null) && cluster == null) {
            throw new AbortException(Messages.MeshAnalyzeStep_RouteNeedsCluster());
        }
        if (service != null && (virtualService != null || httpRoute != null)) {
            throw new AbortException(Messages.MeshAnalyzeStep_ServiceOrRoute());
        }
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("cluster", cluster);
        plan.put("namespace", resolvedNamespace());
        plan.put("kind", virtualService != null ? RouteKind.VIRTUAL_SERVICE.name()
                : httpRoute != null ? RouteKind.HTTP_ROUTE.name() : null);
        plan.put("name", virtualService != null ? virtualService : httpRoute != null ? httpRoute : service);
        plan.put("route", route);
        plan.put("stable", stable);
        plan.put("canary", canary);
        plan.put("metrics", metrics);
        plan.put("checks", MeshCheck.specs("meshAnalyze", checks));
        plan.put("window", window);
        plan.put("failOn", failOn);
        String json = PlanJson.write(plan);
        request(PlanJson.read(json));
        return json;
    }

    private String resolvedNamespace() throws AbortException {
        if (namespace != null) {
            return namespace;
        }
        if (cluster != null) {
            MeshCluster configured = MeshPipelineConfiguration.get().requireCluster(cluster);
            if (configured.getNamespace() != null) {
                return configured.getNamespace();
            }
        }
        throw new AbortException(Messages.MeshAnalyzeStep_NoNamespace());
    }

    /** The engine's request from a plan; the engine validates it. */
    static AnalysisRequest request(JsonNode plan) throws AbortException {
        List<String> specs = new ArrayList<>();
        plan.path("checks").forEach(check -> specs.add(check.asText()));
        String kind = PlanJson.text(plan, "kind");
        try {
            return new AnalysisRequest(kind == null ? null : RouteKind.valueOf(kind), PlanJson.text(plan, "namespace"),
                    PlanJson.text(plan, "name"), PlanJson.text(plan, "route"), PlanJson.text(plan, "stable"),
                    PlanJson.text(plan, "canary"), specs, DurationText.parse(PlanJson.text(plan, "window")),
                    HealthAnalysis.DEFAULT_MIN_REQUESTS, null, null, FailOn.parse(PlanJson.text(plan, "failOn")));
        } catch (IllegalArgumentException e) {
            throw new AbortException("meshAnalyze: " + e.getMessage());
        }
    }

    @Extension
    @Symbol("meshAnalyze")
    public static final class DescriptorImpl extends MeshStepDescriptor {

        @Override
        public String getFunctionName() {
            return "meshAnalyze";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.MeshAnalyzeStep_DisplayName();
        }

        /** The cluster is optional here: offer "none" first. */
        @Override
        public ListBoxModel doFillClusterItems(@AncestorInPath Item item) {
            ListBoxModel names = super.doFillClusterItems(item);
            names.add(0, new ListBoxModel.Option("", ""));
            return names;
        }

        public FormValidation doCheckStable(@QueryParameter String value) {
            return MeshCanaryStep.DescriptorImpl.requiredName(value);
        }

        public FormValidation doCheckCanary(@QueryParameter String value) {
            return MeshCanaryStep.DescriptorImpl.requiredName(value);
        }

        public FormValidation doCheckService(@QueryParameter String value) {
            return checkOptional(value, true);
        }

        public FormValidation doCheckWindow(@QueryParameter String value) {
            return MeshCanaryStep.DescriptorImpl.checkDuration(value);
        }

        public ListBoxModel doFillFailOnItems() {
            ListBoxModel items = new ListBoxModel();
            // the default first, so the form shows it
            for (FailOn value : List.of(FailOn.INCONCLUSIVE, FailOn.FAIL, FailOn.NEVER)) {
                items.add(value.word());
            }
            return items;
        }
    }
}
