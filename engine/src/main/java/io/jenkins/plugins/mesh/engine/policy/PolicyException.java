package io.jenkins.plugins.mesh.engine.policy;

/**
 * A policy file or rule that cannot be used: unreadable YAML, a missing field, or a CEL expression that does not
 * parse or type-check. The message names the file, the rule and what to fix.
 */
public final class PolicyException extends Exception {

    private static final long serialVersionUID = 1L;

    public PolicyException(String message) {
        super(message);
    }
}
