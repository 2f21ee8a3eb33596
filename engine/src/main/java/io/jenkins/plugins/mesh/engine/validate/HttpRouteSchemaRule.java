package io.jenkins.plugins.mesh.engine.validate;

import static io.jenkins.plugins.mesh.engine.config.YamlValues.list;
import static io.jenkins.plugins.mesh.engine.config.YamlValues.map;

import io.jenkins.plugins.mesh.engine.config.MeshKind;
import java.util.List;
import java.util.OptionalLong;

/**
 * MESH0004 and MESH0006 for Gateway API HTTPRoutes: at most 16 backendRefs per rule, weights whole numbers in
 * 0..1,000,000 (relative, default 1), backends named; all weights 0 sends every request an error.
 */
final class HttpRouteSchemaRule extends ResourceRule {

    static final int MAX_BACKENDS = 16;
    static final long MAX_WEIGHT = 1_000_000L;

    HttpRouteSchemaRule() {
        super(MeshKind.HTTP_ROUTE, FindingCode.MESH0004);
    }

    @Override
    void check(FieldChecker check) {
        List<Object> rules = list(check.resource().spec().get("rules"));
        for (int i = 0; i < rules.size(); i++) {
            String path = "spec.rules[" + i + "]";
            List<Object> backends = list(map(rules.get(i)).get("backendRefs"));
            if (backends.size() > MAX_BACKENDS) {
                check.error(path + ".backendRefs", "rule " + i + " has " + backends.size() + " backendRefs; the "
                        + "Gateway API allows at most " + MAX_BACKENDS + ": split the rule");
            }
            long total = 0;
            boolean known = true;
            for (int j = 0; j < backends.size(); j++) {
                String refPath = path + ".backendRefs[" + j + "]";
                Object name = map(backends.get(j)).get("name");
                if (!(name instanceof String text) || text.isEmpty()) {
                    check.error(refPath, "backendRef " + j + " has no name; name the Service");
                }
                check.port(refPath + ".port", map(backends.get(j)).get("port"));
                Object weight = map(backends.get(j)).get("weight");
                if (weight == null) {
                    total += 1;
                    continue;
                }
                OptionalLong value = check.integer(refPath + ".weight", weight);
                if (value.isEmpty() || value.getAsLong() < 0 || value.getAsLong() > MAX_WEIGHT) {
                    if (value.isPresent()) {
                        check.error(refPath + ".weight", "weight " + value.getAsLong() + " is out of range; use 0 to "
                                + MAX_WEIGHT + " (weights are relative)");
                    }
                    known = false;
                } else {
                    total += value.getAsLong();
                }
            }
            if (known && !backends.isEmpty() && total == 0) {
                check.report(FindingCode.MESH0006, Severity.WARNING, path + ".backendRefs", "every backendRef of rule "
                        + i + " has weight 0: requests matching it get HTTP 500; give one backend a weight above 0");
            }
        }
    }
}
