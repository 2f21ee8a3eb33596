package io.jenkins.plugins.mesh.engine.apply;

import io.jenkins.plugins.mesh.engine.config.LoadedConfig;
import io.jenkins.plugins.mesh.engine.config.MeshKind;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.ResourceKey;
import io.jenkins.plugins.mesh.engine.validate.ValidationReport;
import io.jenkins.plugins.mesh.engine.validate.Validator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Plans files against a cluster: reads the live objects of the managed kinds in the files' namespaces (one list per
 * kind and namespace), validates the files with them (errors stop here), finds what running rollouts hold, and plans
 * ({@link ConfigPlanner}).
 *
 * <pre>{@code
 * LoadedConfig files = new YamlConfigLoader("shop").load(paths);
 * PlanResult result = new MeshPlanner(new KubernetesObjectStore(client, api),
 *         new TrafficRolloutLeases(traffic), Validator.standard(), true).plan(files, false);
 * }</pre>
 */
public final class MeshPlanner {

    /** What {@code mesh validate --cluster} reads as context (ClusterConfigReader's kinds). */
    private static final List<MeshKind> CONTEXT_KINDS = List.of(MeshKind.DESTINATION_RULE, MeshKind.SERVICE,
            MeshKind.SERVICE_ENTRY, MeshKind.GATEWAY);

    private final ObjectStore store;
    private final RolloutLeases rollouts;
    private final Validator validator;
    private final boolean validateWithCluster;

    /**
     * @param validateWithCluster whether the files are validated with the cluster's objects as context (as
     *     {@code mesh validate --cluster}), or alone (as {@code mesh validate})
     */
    public MeshPlanner(ObjectStore store, RolloutLeases rollouts, Validator validator, boolean validateWithCluster) {
        this.store = store;
        this.rollouts = rollouts;
        this.validator = validator;
        this.validateWithCluster = validateWithCluster;
    }

    /**
     * Validates and plans {@code files}; with {@code prune}, owned objects gone from the files are deleted. The live
     * objects are read once, one list per kind and namespace, and serve both the validation's context (the
     * DestinationRules, Services, ServiceEntries and Gateways {@code mesh validate --cluster} reads) and the plan.
     */
    public PlanResult plan(LoadedConfig files, boolean prune) {
        List<MeshResource> managed = files.resources().stream().filter(r -> ManagedKinds.managed(r.kind())).toList();
        TreeSet<String> planned = new TreeSet<>();
        managed.forEach(r -> planned.add(r.namespace()));
        TreeSet<String> all = new TreeSet<>(planned);
        if (validateWithCluster) {
            all.addAll(files.namespaces());
        }
        List<MeshKind> kinds = new ArrayList<>(ManagedKinds.ALL);
        if (validateWithCluster) {
            kinds.add(MeshKind.SERVICE);
        }
        List<MeshResource> live = new LiveConfigReader(store).read(all, kinds);
        List<MeshResource> context = validateWithCluster ? live.stream().filter(r -> CONTEXT_KINDS.contains(r.kind()))
                .toList() : List.of();
        ValidationReport report = validator.validate(files, context, null);
        if (report.hasErrors()) {
            return new PlanResult(report, null);
        }
        List<MeshResource> inScope = live.stream().filter(r -> ManagedKinds.managed(r.kind())
                && planned.contains(r.namespace())).toList();
        return new PlanResult(report, plan(managed, inScope, planned, prune));
    }

    /** Plans already validated objects against the live objects of {@code namespaces}. */
    public ApplyPlan planObjects(List<MeshResource> objects, Collection<String> namespaces, boolean prune) {
        return plan(objects, new LiveConfigReader(store).read(namespaces, ManagedKinds.ALL), namespaces, prune);
    }

    private ApplyPlan plan(List<MeshResource> objects, List<MeshResource> live, Collection<String> namespaces,
            boolean prune) {
        Map<ResourceKey, String> held = new LinkedHashMap<>();
        for (String namespace : namespaces) {
            held.putAll(rollouts.heldIn(namespace));
        }
        return new ConfigPlanner().plan(objects, live, held, prune);
    }
}
