package io.jenkins.plugins.mesh.engine.policy;

import static io.jenkins.plugins.mesh.engine.config.YamlValues.list;
import static io.jenkins.plugins.mesh.engine.config.YamlValues.map;

import io.jenkins.plugins.mesh.engine.config.MeshConfig;
import io.jenkins.plugins.mesh.engine.config.MeshKind;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.config.YamlValues;
import io.jenkins.plugins.mesh.engine.validate.FindingCode;
import io.jenkins.plugins.mesh.engine.validate.Findings;
import io.jenkins.plugins.mesh.engine.validate.Rule;
import io.jenkins.plugins.mesh.engine.validate.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes ValidatingAdmissionPolicies with their bindings, found in the files or read from the cluster, evaluated
 * offline against the workspace objects as their creation would be admitted: a binding's policy applies to the
 * objects its and the policy's resource rules, namespace and object selectors and match conditions select; each
 * validation that is not true is reported (MESH0008) with the policy's message, as an error when the binding denies,
 * a warning when it warns, an info when it only audits. A policy that cannot be compiled or whose params are not
 * there is reported once (MESH0009) on the policy; an expression that fails on an object follows the
 * policy's {@code failurePolicy} (Fail, the default, denies).
 */
public final class AdmissionPolicies implements Rule {

    private final CelEnvironment cel = CelEnvironment.shared();

    @Override
    public void check(MeshConfig mesh, Findings out) {
        Map<String, MeshResource> policies = new HashMap<>();
        List<MeshResource> bindings = new ArrayList<>();
        for (MeshResource resource : mesh.resources()) {
            if (resource.kind() == MeshKind.VALIDATING_ADMISSION_POLICY) {
                policies.put(resource.name(), resource);
            } else if (resource.kind() == MeshKind.VALIDATING_ADMISSION_POLICY_BINDING) {
                bindings.add(resource);
            }
        }
        if (bindings.isEmpty()) {
            return;
        }
        PolicyInputs inputs = new PolicyInputs(mesh);
        Map<String, AdmissionPolicy> compiled = new HashMap<>();
        for (MeshResource binding : bindings) {
            String policyName = YamlValues.text(binding.spec().get("policyName"));
            MeshResource policy = policyName == null ? null : policies.get(policyName);
            if (policy == null) {
                continue; // the API server ignores a binding to a policy that does not exist, and so do we
            }
            AdmissionPolicy admission = compiled.computeIfAbsent(policyName, n -> compile(policy, out));
            if (admission == null) {
                continue;
            }
            Object params = params(mesh, admission, binding, inputs, out);
            if (params == PARAMS_MISSING) {
                continue;
            }
            Severity severity = severity(binding);
            for (MeshResource resource : mesh.resources()) {
                if (Rule.inWorkspace(resource) && resource.kind().validated()
                        && admission.selects(resource, mesh, binding)) {
                    admission.evaluate(resource, inputs.of(resource, params, new LinkedHashMap<>()), severity, out);
                }
            }
        }
    }

    private static final Object PARAMS_MISSING = new Object();

    private AdmissionPolicy compile(MeshResource policy, Findings out) {
        try {
            return AdmissionPolicy.compile(cel, policy);
        } catch (PolicyException e) {
            // reported for a live policy too: the API server would apply it at admission
            out.add(FindingCode.MESH0009, Severity.ERROR, policy, "spec", e.getMessage(), policy.name());
            return null;
        }
    }

    /** The params object the binding names (a ConfigMap among the files or the cluster), null when it needs none. */
    private static Object params(MeshConfig mesh, AdmissionPolicy policy, MeshResource binding, PolicyInputs inputs,
            Findings out) {
        if (policy.paramKind() == null) {
            return null;
        }
        Map<String, Object> ref = map(binding.spec().get("paramRef"));
        String name = YamlValues.text(ref.get("name"));
        String namespace = YamlValues.text(ref.get("namespace"));
        for (MeshResource resource : mesh.resources()) {
            if (resource.kind().kind().equals(policy.paramKind()) && resource.name().equals(name)
                    && (namespace == null || namespace.equals(resource.namespace()))) {
                return inputs.value(resource);
            }
        }
        if ("Allow".equals(ref.get("parameterNotFoundAction"))) {
            return PARAMS_MISSING;
        }
        out.add(FindingCode.MESH0009, Severity.ERROR, binding, "spec.paramRef", "the params " + policy.paramKind() + " "
                + (namespace == null ? "" : namespace + "/") + name + " of policy " + policy.name() + " are not among "
                + "the files (only ConfigMap params can be read): add them, or the API server denies every object the "
                + "policy applies to", binding.name());
        return PARAMS_MISSING;
    }

    private static Severity severity(MeshResource binding) {
        List<String> actions = YamlValues.strings(binding.spec().get("validationActions"));
        if (actions.isEmpty() || actions.contains("Deny")) {
            return Severity.ERROR;
        }
        return actions.contains("Warn") ? Severity.WARNING : Severity.INFO;
    }

    /** One compiled ValidatingAdmissionPolicy. */
    record AdmissionPolicy(MeshResource source, String name, String paramKind, boolean failOpen,
            List<CelEnvironment.Expression> matchConditions, List<Map.Entry<String, CelEnvironment.Expression>> variables,
            List<Validation> validations) {

        record Validation(CelEnvironment.Expression expression, String message,
                CelEnvironment.Expression messageExpression, int index) {
        }

        static AdmissionPolicy compile(CelEnvironment cel, MeshResource policy) throws PolicyException {
            Map<String, Object> spec = policy.spec();
            String what = "ValidatingAdmissionPolicy " + policy.name();
            List<CelEnvironment.Expression> conditions = new ArrayList<>();
            for (Object item : list(spec.get("matchConditions"))) {
                String name = String.valueOf(map(item).get("name"));
                conditions.add(cel.compile(what + " matchCondition " + name, YamlValues.text(map(item)
                        .get("expression"))));
            }
            List<Map.Entry<String, CelEnvironment.Expression>> variables = new ArrayList<>();
            for (Object item : list(spec.get("variables"))) {
                String name = String.valueOf(map(item).get("name"));
                variables.add(Map.entry(name, cel.compile(what + " variable " + name, YamlValues.text(map(item)
                        .get("expression")))));
            }
            List<Validation> validations = new ArrayList<>();
            List<Object> items = list(spec.get("validations"));
            for (int i = 0; i < items.size(); i++) {
                Map<String, Object> validation = map(items.get(i));
                String messageExpression = YamlValues.text(validation.get("messageExpression"));
                validations.add(new Validation(cel.compile(what + " validation " + i, YamlValues.text(validation
                        .get("expression"))), YamlValues.text(validation.get("message")), messageExpression == null
                                ? null : cel.compile(what + " validation " + i + " messageExpression", messageExpression),
                        i));
            }
            String paramKind = YamlValues.text(map(spec.get("paramKind")).get("kind"));
            return new AdmissionPolicy(policy, policy.name(), paramKind, "Ignore".equals(spec.get("failurePolicy")),
                    conditions, variables, validations);
        }

        /** Whether the policy and the binding select {@code resource} (apart from match conditions). */
        boolean selects(MeshResource resource, MeshConfig mesh, MeshResource binding) {
            Map<String, Object> constraints = map(source.spec().get("matchConstraints"));
            Map<String, Object> matchResources = map(binding.spec().get("matchResources"));
            if (!ResourceRules.matches(constraints.get("resourceRules"), resource, true)
                    || ResourceRules.matches(constraints.get("excludeResourceRules"), resource, false)
                    || (matchResources.get("resourceRules") != null
                            && !ResourceRules.matches(matchResources.get("resourceRules"), resource, true))
                    || ResourceRules.matches(matchResources.get("excludeResourceRules"), resource, false)) {
                return false;
            }
            Map<String, String> namespaceLabels = namespaceLabels(mesh, resource);
            return LabelSelector.matches(constraints.get("namespaceSelector"), namespaceLabels)
                    && LabelSelector.matches(matchResources.get("namespaceSelector"), namespaceLabels)
                    && LabelSelector.matches(constraints.get("objectSelector"), resource.labels())
                    && LabelSelector.matches(matchResources.get("objectSelector"), resource.labels());
        }

        private static Map<String, String> namespaceLabels(MeshConfig mesh, MeshResource resource) {
            MeshResource namespace = mesh.namespace(resource.namespace());
            Map<String, String> labels = new HashMap<>(namespace == null ? Map.of() : namespace.labels());
            labels.putIfAbsent("kubernetes.io/metadata.name", resource.namespace());
            return labels;
        }

        void evaluate(MeshResource resource, Map<String, Object> inputs, Severity severity, Findings out) {
            try {
                for (CelEnvironment.Expression condition : matchConditions) {
                    if (!Boolean.TRUE.equals(condition.evaluate(inputs))) {
                        return;
                    }
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> values = (Map<String, Object>) inputs.get("variables");
                for (Map.Entry<String, CelEnvironment.Expression> variable : variables) {
                    values.put(variable.getKey(), variable.getValue().evaluate(inputs));
                }
            } catch (IllegalStateException e) {
                failed(resource, "cannot be evaluated: " + e.getMessage(), severity, out);
                return;
            }
            for (Validation validation : validations) {
                try {
                    if (Boolean.TRUE.equals(validation.expression().evaluate(inputs))) {
                        continue;
                    }
                    out.add(FindingCode.MESH0008, severity, resource, "metadata.name", "ValidatingAdmissionPolicy "
                            + name + " denies it: " + CelEnvironment.message(validation.messageExpression(),
                            validation.message(), validation.expression(), inputs), name);
                } catch (IllegalStateException e) {
                    failed(resource, "validation " + validation.index() + " cannot be evaluated: " + e.getMessage(),
                            severity, out);
                }
            }
        }

        private void failed(MeshResource resource, String problem, Severity severity, Findings out) {
            if (!failOpen) {
                out.add(FindingCode.MESH0008, severity, resource, "metadata.name", "ValidatingAdmissionPolicy " + name
                        + " " + problem + "; with failurePolicy Fail the API server denies the object", name);
            }
        }
    }
}
