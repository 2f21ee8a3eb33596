package io.jenkins.plugins.mesh.plugin.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Util;
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

    /** Checks what the data binding cannot: a cluster, and exactly one of virtualService and httpRoute. */
    protected void checkTarget(String step) throws AbortException {
        if (cluster == null) {
            throw new AbortException(Messages.MeshRouteStep_NoCluster(step));
        }
        if ((virtualService == null) == (httpRoute == null)) {
            throw new AbortException(Messages.MeshRouteStep_OneTarget(step));
        }
    }

    /** The target as plain values, the common part of a step's plan JSON. */
    protected Map<String, Object> targetPlan() {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("cluster", cluster);
        plan.put("namespace", namespace);
        plan.put(virtualService != null ? "virtualService" : "httpRoute",
                virtualService != null ? virtualService : httpRoute);
        plan.put("route", route);
        return plan;
    }
}
