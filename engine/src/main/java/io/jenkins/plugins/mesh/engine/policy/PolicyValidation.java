package io.jenkins.plugins.mesh.engine.policy;

import io.jenkins.plugins.mesh.engine.config.ClusterConfigReader;
import io.jenkins.plugins.mesh.engine.config.ClusterReadException;
import io.jenkins.plugins.mesh.engine.config.MeshResource;
import io.jenkins.plugins.mesh.engine.validate.Rule;
import io.jenkins.plugins.mesh.engine.validate.Validator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Validation as {@code mesh validate} and {@code meshValidate} run it: the standard checks, the organisation's rules of
 * the given policy files, and the ValidatingAdmissionPolicies found in the files or the cluster (always, so a change
 * the API server would reject at admission fails first).
 */
public final class PolicyValidation {

    private PolicyValidation() {
    }

    /** The validator with the rules of {@code policyFiles} (none is fine) and the admission policies. */
    public static Validator validator(List<PolicyFile> policyFiles) {
        List<Rule> extra = new ArrayList<>();
        if (!policyFiles.isEmpty()) {
            extra.add(PolicyRules.of(policyFiles));
        }
        extra.add(new AdmissionPolicies());
        return Validator.standard().with(extra);
    }

    /**
     * What the checks read from a cluster for the files' {@code namespaces}: the live context objects, and what
     * policies need (Namespaces, admission policies and bindings, params ConfigMaps).
     *
     * @return the objects, and a description of each read the cluster denied (validation goes on without it)
     */
    public static ClusterConfigReader.PolicyContext readCluster(ClusterConfigReader reader,
            Collection<String> namespaces) throws ClusterReadException {
        List<MeshResource> live = new ArrayList<>(reader.read(namespaces));
        ClusterConfigReader.PolicyContext context = reader.readPolicyContext(namespaces);
        live.addAll(context.resources());
        return new ClusterConfigReader.PolicyContext(live, context.unread());
    }
}
