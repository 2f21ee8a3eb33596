package io.jenkins.plugins.mesh.plugin.config;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.ExtensionList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The global Mesh Pipeline settings: named clusters and named metric servers. Configuration as Code:
 * <pre>
 * unclassified:
 *   meshPipeline:
 *     clusters:
 *       - name: prod
 *         serverUrl: https://k8s.example.com:6443
 *         credentialsId: prod-deployer-token
 *     metricServers:
 *       - name: prom-prod
 *         url: https://prometheus.example.com
 * </pre>
 */
@Extension
@Symbol("meshPipeline")
public final class MeshPipelineConfiguration extends GlobalConfiguration {

    private List<MeshCluster> clusters = new ArrayList<>();
    private List<MetricServer> metricServers = new ArrayList<>();

    public MeshPipelineConfiguration() {
        load();
    }

    public static MeshPipelineConfiguration get() {
        return ExtensionList.lookupSingleton(MeshPipelineConfiguration.class);
    }

    public List<MeshCluster> getClusters() {
        return clusters == null ? List.of() : List.copyOf(clusters);
    }

    @DataBoundSetter
    public void setClusters(List<MeshCluster> clusters) {
        this.clusters = clusters == null ? new ArrayList<>() : new ArrayList<>(clusters);
        save();
    }

    public List<MetricServer> getMetricServers() {
        return metricServers == null ? List.of() : List.copyOf(metricServers);
    }

    @DataBoundSetter
    public void setMetricServers(List<MetricServer> metricServers) {
        this.metricServers = metricServers == null ? new ArrayList<>() : new ArrayList<>(metricServers);
        save();
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        // A form without any entry sends no list at all: start empty so removing the last entry sticks.
        List<MeshCluster> oldClusters = clusters;
        List<MetricServer> oldServers = metricServers;
        clusters = new ArrayList<>();
        metricServers = new ArrayList<>();
        req.bindJSON(this, json);
        String duplicate = firstDuplicate(clusters, MeshCluster::getName);
        if (duplicate == null) {
            duplicate = firstDuplicate(metricServers, MetricServer::getName);
        }
        if (duplicate != null) {
            clusters = oldClusters;
            metricServers = oldServers;
            throw new FormException(Messages.MeshPipelineConfiguration_DuplicateName(duplicate), "clusters");
        }
        save();
        return true;
    }

    /** The cluster of that name, if configured. */
    public Optional<MeshCluster> findCluster(String name) {
        return getClusters().stream().filter(c -> c.getName() != null && c.getName().equals(name)).findFirst();
    }

    /** The metric server of that name, if configured. */
    public Optional<MetricServer> findMetricServer(String name) {
        return getMetricServers().stream().filter(s -> s.getName() != null && s.getName().equals(name)).findFirst();
    }

    /** The cluster of that name, or an error for the build log that says which names exist. */
    public @NonNull MeshCluster requireCluster(String name) throws AbortException {
        return findCluster(name).orElseThrow(() -> new AbortException(Messages.MeshPipelineConfiguration_NoCluster(
                name, names(getClusters(), MeshCluster::getName))));
    }

    /** The metric server of that name, or an error for the build log that says which names exist. */
    public @NonNull MetricServer requireMetricServer(String name) throws AbortException {
        return findMetricServer(name).orElseThrow(() -> new AbortException(
                Messages.MeshPipelineConfiguration_NoMetricServer(name,
                        names(getMetricServers(), MetricServer::getName))));
    }

    private static <T> String names(List<T> entries, Function<T, String> name) {
        return entries.isEmpty() ? "none" : entries.stream().map(name).collect(Collectors.joining(", "));
    }

    private static <T> String firstDuplicate(List<T> entries, Function<T, String> name) {
        Set<String> seen = new HashSet<>();
        for (T entry : entries) {
            String n = name.apply(entry);
            if (n != null && !seen.add(n)) {
                return n;
            }
        }
        return null;
    }
}
