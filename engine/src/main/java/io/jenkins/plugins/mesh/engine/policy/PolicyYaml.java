package io.jenkins.plugins.mesh.engine.policy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads a policy file's YAML to maps, lists and strings, keeping the line of each list item. */
final class PolicyYaml {

    /** A list item and the line it starts on. */
    record Item(Object value, int line) {
    }

    private PolicyYaml() {
    }

    /** The first document of {@code text} as a node tree; {@code file} names it in errors. */
    static Node compose(String file, String text) throws PolicyException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(50);
        options.setCodePointLimit(4 * 1024 * 1024);
        try {
            Node node = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
            if (!(node instanceof MappingNode)) {
                throw new PolicyException(file + " is not a policy file: expected a mapping with 'rules:' (see "
                        + "docs/validate.md)");
            }
            return node;
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new PolicyException(file + ":" + line + ": invalid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new PolicyException(file + ": invalid YAML: " + e.getMessage());
        }
    }

    /** The value of {@code key} in a mapping node, or null. */
    static Node get(Node mapping, String key) {
        if (mapping instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
                    return tuple.getValueNode();
                }
            }
        }
        return null;
    }

    /** The items of a sequence node with their lines; empty for anything else. */
    static List<Item> items(Node node) {
        List<Item> items = new ArrayList<>();
        if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                items.add(new Item(value(item), item.getStartMark().getLine() + 1));
            }
        }
        return items;
    }

    /** Plain values: scalars as strings, mappings as maps, sequences as lists. */
    static Object value(Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        if (node instanceof SequenceNode sequence) {
            List<Object> list = new ArrayList<>();
            sequence.getValue().forEach(n -> list.add(value(n)));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                map.put(String.valueOf(value(tuple.getKeyNode())), value(tuple.getValueNode()));
            }
        }
        return map;
    }
}
