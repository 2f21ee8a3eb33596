package io.jenkins.plugins.mesh.engine.validate;

import io.jenkins.plugins.mesh.engine.config.LoadProblem;
import io.jenkins.plugins.mesh.engine.config.LoadedConfig;
import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.ResourceKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates Istio and Gateway API config: a pure function of the objects read from files, the objects read
 * from a cluster (context only, never written) and an optional canary target.
 *
 * <pre>{@code
 * LoadedConfig files = new YamlConfigLoader("default").load(paths);
 * ValidationReport report = Validator.standard().validate(files, List.of(), null);
 * }</pre>
 */
public final class Validator {

    private final List<Rule> rules;

    /** A validator running {@code rules}, in order. */
    public Validator(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The validator with every built-in rule; certificates are checked against the system clock. */
    public static Validator standard() {
        return standard(Clock.systemUTC());
    }

    /** The validator with every built-in rule; certificates are checked against {@code clock}. */
    public static Validator standard(Clock clock) {
        return new Validator(List.of(new UnknownFieldRule(), new VirtualServiceSchemaRule(), new HttpPolicyRule(),
                new DestinationRuleSchemaRule(), new GatewaySchemaRule(), new ServiceSchemaRule(),
                new HttpRouteSchemaRule(), new ReferenceRule(), new DestinationRuleHostRule(),
                new DestinationRuleTlsRule(), new GatewayHostRule(), new MeshHostConflictRule(), new RouteOrderRule(),
                new IngressSubsetRule(), new GatewayConflictRule(), new GatewayCertificateRule(),
                new GatewayWorkloadRule(), new GatewaySecretRule(clock), new ServiceEntryRule(),
                new JwtClaimRouteRule()));
    }

    /**
     * This validator with {@code more} rules run after its own, e.g. an organisation's policies
     * ({@code PolicyRules} of {@code engine.policy}).
     */
    public Validator with(List<? extends Rule> more) {
        List<Rule> all = new ArrayList<>(rules);
        all.addAll(more);
        return new Validator(all);
    }

    /**
     * Validates {@code workspace} together with {@code live} objects (workspace objects win for the same kind,
     * namespace and name).
     *
     * @param canary the route a canary will drive, or null
     */
    public ValidationReport validate(LoadedConfig workspace, List<MeshResource> live, CanaryTarget canary) {
        Findings findings = new Findings();
        for (LoadProblem problem : workspace.problems()) {
            findings.add(new Finding(FindingCode.MESH0003, Severity.ERROR, "", "", "", problem.location().file(),
                    problem.location().line(), problem.message()));
        }
        reportDuplicates(workspace.resources(), findings);
        MeshConfig mesh = MeshConfig.of(workspace.resources(), live);
        List<Rule> run = new ArrayList<>(rules);
        if (canary != null) {
            run.add(new CanaryRouteRule(canary));
        }
        for (Rule rule : run) {
            rule.check(mesh, findings);
        }
        List<CheckedObject> checked = new ArrayList<>(workspace.resources().size());
        for (MeshResource resource : workspace.resources()) {
            checked.add(new CheckedObject(resource.kind().kind(), resource.namespace(), resource.name(),
                    resource.location().file(), resource.location().line()));
        }
        return new ValidationReport(workspace.resources().size() + workspace.skipped(), findings.sorted(), checked);
    }

    private static void reportDuplicates(List<MeshResource> resources, Findings findings) {
        Map<ResourceKey, MeshResource> first = new HashMap<>();
        for (MeshResource resource : resources) {
            MeshResource earlier = first.putIfAbsent(resource.key(), resource);
            if (earlier != null) {
                findings.add(FindingCode.MESH0005, resource, "metadata.name", resource.displayName()
                        + " is defined twice (first at " + earlier.location() + "); only the first is checked, "
                        + "while kubectl apply would keep the last: remove one");
            }
        }
    }
}
