package io.jenkins.plugins.mesh.engine.validate;

/**
 * The codes findings carry. {@code IST} codes mean what they mean in {@code istioctl analyze}; {@code MESH} codes
 * are checks of Mesh Pipeline's own that a canary or a Gateway API route needs. docs/validate.md explains each.
 */
public enum FindingCode {
    IST0101("ReferencedResourceNotFound", Severity.ERROR),
    IST0106("SchemaValidationError", Severity.ERROR),
    IST0109("ConflictingMeshGatewayVirtualServiceHosts", Severity.ERROR),
    IST0112("VirtualServiceDestinationPortSelectorRequired", Severity.ERROR),
    IST0128("NoServerCertificateVerificationDestinationLevel", Severity.WARNING),
    IST0129("NoServerCertificateVerificationPortLevel", Severity.WARNING),
    IST0130("VirtualServiceUnreachableRule", Severity.WARNING),
    IST0131("VirtualServiceIneffectiveMatch", Severity.INFO),
    IST0132("VirtualServiceHostNotFoundInGateway", Severity.WARNING),
    IST0134("ServiceEntryAddressesRequired", Severity.WARNING),
    IST0138("GatewayDuplicateCertificate", Severity.WARNING),
    IST0140("IngressRouteRulesNotAffected", Severity.WARNING),
    IST0145("ConflictingGateways", Severity.ERROR),
    IST0149("JwtClaimBasedRoutingWithoutRequestAuthN", Severity.ERROR),
    IST0161("InvalidGatewayCredential", Severity.ERROR),
    IST0162("GatewayPortNotDefinedOnService", Severity.WARNING),
    IST0165("ReferencedInternalGateway", Severity.WARNING),
    IST0173("DestinationRuleSubsetNotSelectPods", Severity.ERROR),
    IST0174("UnknownDestinationRuleHost", Severity.WARNING),
    IST0177("ConflictingServiceEntryProtocol", Severity.WARNING),
    /** The canary route does not hold both the stable and the canary destination. */
    MESH0001("CanaryRouteIncomplete", Severity.ERROR),
    /** The canary target (object or route) does not exist or is ambiguous. */
    MESH0002("CanaryTargetNotFound", Severity.ERROR),
    /** A document is not readable YAML or not a Kubernetes object. */
    MESH0003("InvalidDocument", Severity.ERROR),
    /** A Gateway API HTTPRoute breaks a rule of its schema (weights, number of backends). */
    MESH0004("HTTPRouteSchemaError", Severity.ERROR),
    /** The same object is defined twice in the workspace: only the first is used. */
    MESH0005("DuplicateResource", Severity.WARNING),
    /** All weights of a route are 0 where the API allows it: the route answers every request with an error. */
    MESH0006("RouteWithoutTraffic", Severity.WARNING),
    /** An object breaks an organisation's policy rule (a CEL rule of a policy file). */
    MESH0007("PolicyViolation", Severity.ERROR),
    /** A ValidatingAdmissionPolicy found with the config would deny an object at admission. */
    MESH0008("AdmissionPolicyViolation", Severity.ERROR),
    /** A ValidatingAdmissionPolicy found with the config cannot be evaluated (expression errors, unknown params). */
    MESH0009("InvalidAdmissionPolicy", Severity.ERROR);

    private final String title;
    private final Severity severity;

    FindingCode(String title, Severity severity) {
        this.title = title;
        this.severity = severity;
    }

    /** The name of the check, e.g. {@code ReferencedResourceNotFound}. */
    public String title() {
        return title;
    }

    /** The severity findings of this code have unless a rule says otherwise. */
    public Severity severity() {
        return severity;
    }
}
