package io.jenkins.plugins.mesh.engine.config;

import java.util.Arrays;
import java.util.LinkedHashMap;

/**
 * A YAML mapping that remembers the line of each of its keys, so findings can point at the field. The lines sit
 * in two small arrays in key order rather than a second map: mappings are small and lines are looked up only
 * when a finding is reported.
 */
final class LocatedMap extends LinkedHashMap<String, Object> {

    private static final long serialVersionUID = 1L;

    private final int line;
    private String[] keys = new String[4];
    private int[] keyLines = new int[4];
    private int count;

    LocatedMap(int line) {
        this.line = line;
    }

    int line() {
        return line;
    }

    void put(String key, Object value, int keyLine) {
        put(key, value);
        if (count == keys.length) {
            keys = Arrays.copyOf(keys, count * 2);
            keyLines = Arrays.copyOf(keyLines, count * 2);
        }
        keys[count] = key;
        keyLines[count++] = keyLine;
    }

    int lineOf(String key) {
        for (int i = 0; i < count; i++) {
            if (keys[i].equals(key)) {
                return keyLines[i];
            }
        }
        return 0;
    }
}
