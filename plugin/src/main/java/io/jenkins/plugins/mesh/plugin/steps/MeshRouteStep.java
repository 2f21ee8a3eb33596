package io.jenkins.plugins.mesh.plugin.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Util;
import io.jenkins.plugins.mesh.engine.traffic.RouteKind;
import io.jenkins.plugins.mesh.plugin.config.MeshCluster;
import io.jenkins.plugins.mesh.plugin.config.MeshPipelineConfiguration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The parameters every step that touches a route shares: the cluster, the namespace and exactly one of a
 * VirtualService or an HTTPRoute, optionally narrowed to one named HTTP route.
 */
public abstract class MeshRouteStep extends Step {

    private final String cluster;
    private String namespace;
    private String virtualService;
    private String httpRoute;
    private String route;
    private boolean dryRun;

    protected MeshRouteStep(String cluster) {
        this.cluster = Util.fixEmptyAndTrim(cluster);
    }

    public String getCluster() {
        return cluster;
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

    /** The name of the HTTP route inside the VirtualService; the only one when unset. */
    public @CheckForNull String getRoute() {
        return route;
    }

    @DataBoundSetter
    public void setRoute(String route) {
        this.route = Util.fixEmptyAndTrim(route);
    }

    /** Print the changes as diffs of the route and write nothing. */
    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    /** Checks what the data binding cannot: a cluster, and exactly one of virtualService and httpRoute. */
    protected void checkTarget(String step) throws AbortException {
        if (cluster == null) {
            throw new AbortException(Messages.MeshRouteStep_NoCluster(step));
        }
        if ((virtualService == null) == (httpRoute == null)) {
            throw new AbortException(Messages.MeshRouteStep_OneTarget(step));
        }
    }

    /**
     * The namespace the step names, else the configured cluster's default namespace. Reads the global configuration
     * only (no I/O), so it may run on the CPS VM thread.
     */
    protected String resolvedNamespace(String step) throws AbortException {
        if (namespace != null) {
            return namespace;
        }
        MeshCluster configured = MeshPipelineConfiguration.get().requireCluster(cluster);
        if (configured.getNamespace() == null) {
            throw new AbortException(Messages.MeshRouteStep_NoNamespace(step, cluster));
        }
        return configured.getNamespace();
    }

    /** The route kind of the target: {@code virtualService} or {@code httpRoute}. */
    protected RouteKind kind() {
        return virtualService != null ? RouteKind.VIRTUAL_SERVICE : RouteKind.HTTP_ROUTE;
    }

    /** The name of the VirtualService or HTTPRoute. */
    protected String objectName() {
        return virtualService != null ? virtualService : httpRoute;
    }

    /** The target as plain values, the common part of a step's plan JSON (after {@link #checkTarget}). */
    protected Map<String, Object> targetPlan(String step) throws AbortException {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("cluster", cluster);
        plan.put("namespace", resolvedNamespace(step));
        plan.put("kind", kind().name());
        plan.put("name", objectName());
        plan.put("route", route);
        plan.put("dryRun", dryRun);
        return plan;
    }
}
