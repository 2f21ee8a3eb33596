package io.jenkins.plugins.mesh.engine.policy;

import io.jenkins.plugins.mesh.engine.config.MeshKind;
import io.jenkins.plugins.mesh.engine.validate.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A policy file: named CEL rules an organisation holds its mesh config to.
 *
 * <pre>
 * apiVersion: policy.mesh-pipeline.io/v1
 * kind: MeshPolicy
 * rules:
 * - name: http-route-timeout
 *   kinds: [VirtualService]
 *   expression: "!has(object.spec.http) || object.spec.http.all(r, has(r.timeout))"
 *   message: every HTTP route needs a timeout
 *   severity: error          # error (default), warning or info
 *   match: "..."             # optional: the rule applies only where this is true
 * </pre>
 *
 * Every rule is compiled when the file is read, so a syntax or type error is a {@link PolicyException} naming the
 * file, the rule and the position, before any object is looked at.
 */
public final class PolicyFile {

    private static final Set<String> RULE_FIELDS = Set.of("name", "kinds", "severity", "match", "expression",
            "message", "messageExpression", "description");

    private final String file;
    private final List<PolicyRule> rules;

    private PolicyFile(String file, List<PolicyRule> rules) {
        this.file = file;
        this.rules = List.copyOf(rules);
    }

    /** Reads and compiles the policy file at {@code path}. */
    public static PolicyFile load(Path path) throws IOException, PolicyException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("no such policy file: " + path + "; pass the YAML file that holds the rules");
        }
        return read(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
    }

    /** Reads and compiles a policy file's {@code text}, as if it came from {@code file}. */
    public static PolicyFile read(String file, String text) throws PolicyException {
        var root = PolicyYaml.compose(file, text);
        var rulesNode = PolicyYaml.get(root, "rules");
        if (rulesNode == null) {
            rulesNode = PolicyYaml.get(PolicyYaml.get(root, "spec"), "rules");
        }
        List<PolicyYaml.Item> items = PolicyYaml.items(rulesNode);
        if (items.isEmpty()) {
            throw new PolicyException(file + " has no rules; list them under 'rules:' (name, kinds, expression, "
                    + "message)");
        }
        CelEnvironment cel = CelEnvironment.shared();
        List<PolicyRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (PolicyYaml.Item item : items) {
            PolicyRule rule = rule(cel, file, item);
            if (!names.add(rule.name())) {
                throw new PolicyException(file + ":" + item.line() + ": rule " + rule.name() + " is defined twice; "
                        + "give each rule its own name");
            }
            rules.add(rule);
        }
        return new PolicyFile(file, rules);
    }

    private static PolicyRule rule(CelEnvironment cel, String file, PolicyYaml.Item item) throws PolicyException {
        String where = file + ":" + item.line() + ": ";
        if (!(item.value() instanceof Map<?, ?> raw)) {
            throw new PolicyException(where + "a rule must be a mapping with name, kinds, expression and message");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) raw;
        String name = text(map.get("name"));
        if (name == null) {
            throw new PolicyException(where + "a rule has no name; give it one, e.g. name: http-route-timeout");
        }
        String rule = where + "rule " + name;
        for (String key : map.keySet()) {
            if (!RULE_FIELDS.contains(key)) {
                throw new PolicyException(rule + " has an unknown field '" + key + "'; a rule has " + new TreeSet<>(
                        RULE_FIELDS));
            }
        }
        return new PolicyRule(name, kinds(rule, map.get("kinds")), severity(rule, map.get("severity")),
                map.get("match") == null ? null : cel.compile(rule + " match", text(map.get("match"))),
                cel.compile(rule + " expression", text(map.get("expression"))), text(map.get("message")),
                map.get("messageExpression") == null ? null : cel.compile(rule + " messageExpression",
                        text(map.get("messageExpression"))), item.line());
    }

    private static Set<String> kinds(String rule, Object value) throws PolicyException {
        Set<String> known = new TreeSet<>();
        for (MeshKind kind : MeshKind.values()) {
            known.add(kind.kind());
        }
        List<?> list = value instanceof List<?> l ? l : value == null ? List.of() : List.of(value);
        Set<String> kinds = new LinkedHashSet<>();
        for (Object item : list) {
            String kind = String.valueOf(item);
            if (kind.equals("*")) {
                return Set.of();
            }
            if (!known.contains(kind)) {
                throw new PolicyException(rule + ": kind '" + kind + "' is not one mesh validate reads; use one of "
                        + known + " or *");
            }
            kinds.add(kind);
        }
        return kinds;
    }

    private static Severity severity(String rule, Object value) throws PolicyException {
        if (value == null) {
            return Severity.ERROR;
        }
        try {
            return Severity.valueOf(String.valueOf(value).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PolicyException(rule + ": severity '" + value + "' is unknown; use error, warning or info");
        }
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    /** The file the rules came from, as given. */
    public String file() {
        return file;
    }

    /** The names of the rules, in file order. */
    public List<String> ruleNames() {
        return rules.stream().map(PolicyRule::name).toList();
    }

    List<PolicyRule> rules() {
        return rules;
    }

    /** The rules as a validation rule, for {@code Validator#with}. */
    public PolicyRules toRule() {
        return new PolicyRules(List.of(this));
    }
}
