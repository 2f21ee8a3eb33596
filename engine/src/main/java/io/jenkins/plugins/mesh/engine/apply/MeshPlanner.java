package io.jenkins.plugins.mesh.engine.apply;

import io.jenkins.plugins.mesh.engine.config.LoadedConfig;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.ResourceKey;
import io.jenkins.plugins.mesh.engine.validate.ValidationReport;
import io.jenkins.plugins.mesh.engine.validate.Validator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Plans files against a cluster: validates them (errors stop here), reads the live objects of the managed kinds in
 * the files' namespaces (one list per kind and namespace), finds what running rollouts hold, and plans
 * ({@link ConfigPlanner}).
 *
 * <pre>{@code
 * LoadedConfig files = new YamlConfigLoader("shop").load(paths);
 * PlanResult result = new MeshPlanner(new KubernetesObjectStore(client, api),
 *         new TrafficRolloutLeases(traffic), Validator.standard(), ValidationContext.NONE).plan(files, false);
 * }</pre>
 */
public final class MeshPlanner {

    private final ObjectStore store;
    private final RolloutLeases rollouts;
    private final Validator validator;
    private final ValidationContext context;

    /** @param context the live objects the files are validated with (a Service a route names, ...) */
    public MeshPlanner(ObjectStore store, RolloutLeases rollouts, Validator validator, ValidationContext context) {
        this.store = store;
        this.rollouts = rollouts;
        this.validator = validator;
        this.context = context;
    }

    /** Validates and plans {@code files}; with {@code prune}, owned objects gone from the files are deleted. */
    public PlanResult plan(LoadedConfig files, boolean prune) {
        ValidationReport report = validator.validate(files, context.read(files.namespaces()), null);
        if (report.hasErrors()) {
            return new PlanResult(report, null);
        }
        List<MeshResource> managed = files.resources().stream().filter(r -> ManagedKinds.managed(r.kind())).toList();
        TreeSet<String> namespaces = new TreeSet<>();
        managed.forEach(r -> namespaces.add(r.namespace()));
        return new PlanResult(report, planObjects(managed, namespaces, prune));
    }

    /** Plans already validated objects against the live objects of {@code namespaces}. */
    public ApplyPlan planObjects(List<MeshResource> objects, java.util.Collection<String> namespaces, boolean prune) {
        List<MeshResource> live = new LiveConfigReader(store).read(namespaces, ManagedKinds.ALL);
        Map<ResourceKey, String> held = new LinkedHashMap<>();
        for (String namespace : namespaces) {
            held.putAll(rollouts.heldIn(namespace));
        }
        return new ConfigPlanner().plan(objects, live, held, prune);
    }
}
