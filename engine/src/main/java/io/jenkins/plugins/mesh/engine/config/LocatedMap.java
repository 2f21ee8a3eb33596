package io.jenkins.plugins.mesh.engine.config;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** A YAML mapping that remembers the line of each of its keys, so findings can point at the field. */
final class LocatedMap extends LinkedHashMap<String, Object> {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final Map<String, Integer> keyLines = new HashMap<>();

    LocatedMap(int line) {
        this.line = line;
    }

    int line() {
        return line;
    }

    void put(String key, Object value, int keyLine) {
        put(key, value);
        keyLines.put(key, keyLine);
    }

    int lineOf(String key) {
        return keyLines.getOrDefault(key, 0);
    }
}
