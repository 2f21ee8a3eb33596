package io.jenkins.plugins.mesh.engine.validate;

/**
 * One problem in the config, with where it is and what to do about it.
 *
 * @param code the check that found it
 * @param severity error, warning or info
 * @param kind kind of the object, empty for a document that is no object
 * @param namespace namespace of the object, empty when unknown
 * @param name name of the object, empty when unknown
 * @param file the file, or {@code cluster} for a live object
 * @param line 1-based line, 0 when unknown
 * @param message what is wrong and how to fix it
 * @param rule the name of the policy rule (or admission policy) that reported it; null for built-in checks
 */
public record Finding(FindingCode code, Severity severity, String kind, String namespace, String name, String file,
        int line, String message, String rule) {

    /** A finding of a built-in check. */
    public Finding(FindingCode code, Severity severity, String kind, String namespace, String name, String file,
            int line, String message) {
        this(code, severity, kind, namespace, name, file, line, message, null);
    }

    /** What reported it: the policy rule's name, else the code ({@code IST0101}); SARIF's {@code ruleId}. */
    public String ruleId() {
        return rule != null ? rule : code.name();
    }

    /**
     * The finding the way a compiler prints it: {@code file:line: error IST0101 Kind ns/name: message}, with
     * {@code [rule]} before the message of a policy finding.
     */
    public String toText() {
        String where = line > 0 ? file + ":" + line : file;
        String object = kind.isEmpty() ? "" : " " + kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
        return where + ": " + severity.label() + " " + code.name() + object + ": " + (rule == null ? "" : "[" + rule
                + "] ") + message;
    }
}
