package io.jenkins.plugins.mesh.engine.config;

import java.math.BigInteger;
import java.util.IdentityHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns a composed SnakeYAML node tree into maps, lists and scalars that remember their lines. Scalars are typed
 * the YAML 1.1 way Kubernetes tools read them (int, float, bool, null, else string). Aliases are expanded; an
 * alias cycle is rejected.
 */
final class NodeTree {

    private NodeTree() {
    }

    static Object toValue(Node node) {
        return toValue(node, new IdentityHashMap<>());
    }

    private static Object toValue(Node node, Map<Node, Boolean> open) {
        if (node instanceof ScalarNode scalar) {
            return scalar(scalar);
        }
        if (open.put(node, Boolean.TRUE) != null) {
            throw new IllegalStateException("an alias refers to itself");
        }
        try {
            if (node instanceof MappingNode mapping) {
                LocatedMap map = new LocatedMap(line(node));
                for (NodeTuple tuple : mapping.getValue()) {
                    Node keyNode = tuple.getKeyNode();
                    String key = keyNode instanceof ScalarNode s ? s.getValue() : String.valueOf(toValue(keyNode, open));
                    if (map.containsKey(key)) {
                        throw new DuplicateKeyException(key, line(keyNode));
                    }
                    map.put(key, toValue(tuple.getValueNode(), open), line(keyNode));
                }
                return map;
            }
            SequenceNode sequence = (SequenceNode) node;
            LocatedList list = new LocatedList(line(node));
            for (Node item : sequence.getValue()) {
                list.append(toValue(item, open), line(item));
            }
            return list;
        } finally {
            open.remove(node);
        }
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static Object scalar(ScalarNode node) {
        String value = node.getValue();
        Tag tag = node.getTag();
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            return Boolean.valueOf(value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes")
                    || value.equalsIgnoreCase("on") || value.equalsIgnoreCase("y"));
        }
        if (Tag.INT.equals(tag)) {
            return integer(value);
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return Double.valueOf(value.replace("_", ""));
            } catch (NumberFormatException e) {
                return value;
            }
        }
        return value;
    }

    private static Object integer(String text) {
        String digits = text.replace("_", "");
        try {
            BigInteger big;
            if (digits.startsWith("0x") || digits.startsWith("-0x")) {
                big = new BigInteger(digits.replace("0x", ""), 16);
            } else {
                big = new BigInteger(digits);
            }
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        } catch (NumberFormatException e) {
            return text;
        }
    }

    /** A key that appears twice in one mapping: YAML tools disagree on which value wins, so it is an error. */
    static final class DuplicateKeyException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;

        DuplicateKeyException(String key, int line) {
            super("duplicate key '" + key + "'");
            this.line = line;
        }

        int line() {
            return line;
        }
    }
}
