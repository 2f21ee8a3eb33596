package io.jenkins.plugins.mesh.engine.policy;

import io.jenkins.plugins.mesh.engine.validate.Severity;
import java.util.Set;

/**
 * One named rule of a policy file: the kinds it applies to, an optional condition ({@code match}) for the objects it
 * applies to, the CEL expression every such object must satisfy, and what to say when one does not.
 *
 * @param name the rule's name, shown with each finding
 * @param kinds the kinds ({@code VirtualService}, ...) it applies to; empty for every kind
 * @param severity how bad a violation is
 * @param match when not null, the rule applies only to objects for which it is true
 * @param expression true for an object that satisfies the rule
 * @param message the finding's message, or null for one that quotes the expression
 * @param messageExpression a CEL expression that computes the message (a string), or null
 * @param line the line of the rule in its file
 */
record PolicyRule(String name, Set<String> kinds, Severity severity, CelEnvironment.Expression match,
        CelEnvironment.Expression expression, String message, CelEnvironment.Expression messageExpression, int line) {

    /** Whether the rule applies to objects of {@code kind}. */
    boolean appliesTo(String kind) {
        return kinds.isEmpty() || kinds.contains(kind);
    }

    /** Whether any of its expressions reads the object's Namespace. */
    boolean readsNamespace() {
        return mentions(match) || mentions(expression) || mentions(messageExpression);
    }

    private static boolean mentions(CelEnvironment.Expression e) {
        return e != null && e.text().contains("namespaceObject");
    }
}
