package io.jenkins.plugins.mesh.engine.policy;

import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.MeshKind;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.validate.FindingCode;
import io.jenkins.plugins.mesh.engine.validate.Findings;
import io.jenkins.plugins.mesh.engine.validate.Rule;
import io.jenkins.plugins.mesh.engine.validate.Severity;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of policy files as a validation rule: every workspace object of a rule's kinds for which its
 * {@code match} holds must satisfy its expression, or is reported (MESH0007) at the object's line with the rule's
 * name, severity and message. A rule that fails on an object (a missing field read without {@code has()}) reports
 * that too, as does a rule that reads the labels of a Namespace that was not read (once per namespace).
 */
public final class PolicyRules implements Rule {

    private final List<PolicyFile> files;

    PolicyRules(List<PolicyFile> files) {
        this.files = List.copyOf(files);
    }

    /** The rules of all of {@code files}. */
    public static PolicyRules of(List<PolicyFile> files) {
        return new PolicyRules(files);
    }

    @Override
    public void check(MeshConfig mesh, Findings out) {
        PolicyInputs inputs = new PolicyInputs(mesh);
        Set<String> unknownNamespaces = new HashSet<>();
        for (MeshResource resource : mesh.resources()) {
            if (!Rule.inWorkspace(resource) || resource.kind() == MeshKind.SECRET) {
                continue;
            }
            for (PolicyFile file : files) {
                for (PolicyRule rule : file.rules()) {
                    if (rule.appliesTo(resource.kind().kind())) {
                        evaluate(rule, resource, inputs, unknownNamespaces, out);
                    }
                }
            }
        }
    }

    private static void evaluate(PolicyRule rule, MeshResource resource, PolicyInputs inputs,
            Set<String> unknownNamespaces, Findings out) {
        if (rule.readsNamespace() && !inputs.namespaceKnown(resource)
                && unknownNamespaces.add(rule.name() + "\n" + resource.namespace())) {
            out.add(FindingCode.MESH0007, Severity.WARNING, resource, "metadata.name", "reads the labels of namespace "
                    + resource.namespace() + ", which is not among the files: add its Namespace object, or run with "
                    + "--cluster; it is checked as a namespace without labels", rule.name());
        }
        Map<String, Object> variables = inputs.of(resource, null, Map.of());
        try {
            if (rule.match() != null && !Boolean.TRUE.equals(rule.match().evaluate(variables))) {
                return;
            }
            Object result = rule.expression().evaluate(variables);
            if (Boolean.TRUE.equals(result)) {
                return;
            }
            String message = !(result instanceof Boolean) ? "the expression gave " + describe(result) + ", not true or "
                    + "false; make it a condition" : CelEnvironment.message(rule.messageExpression(), rule.message(),
                            rule.expression(), variables);
            out.add(FindingCode.MESH0007, rule.severity(), resource, "metadata.name", message, rule.name());
        } catch (IllegalStateException e) {
            out.add(FindingCode.MESH0007, rule.severity(), resource, "metadata.name", "the rule cannot be evaluated on this "
                    + "object: " + e.getMessage() + "; guard optional fields with has()", rule.name());
        }
    }

    private static String describe(Object value) {
        String text = String.valueOf(value);
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
