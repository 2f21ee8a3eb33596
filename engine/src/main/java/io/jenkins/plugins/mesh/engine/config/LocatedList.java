package io.jenkins.plugins.mesh.engine.config;

import java.util.ArrayList;
import java.util.Arrays;

/** A YAML sequence that remembers the line of each item. */
final class LocatedList extends ArrayList<Object> {

    private static final long serialVersionUID = 1L;

    private final int line;
    private int[] itemLines = new int[4];

    LocatedList(int line) {
        this.line = line;
    }

    int line() {
        return line;
    }

    void append(Object value, int itemLine) {
        if (size() == itemLines.length) {
            itemLines = Arrays.copyOf(itemLines, itemLines.length * 2);
        }
        itemLines[size()] = itemLine;
        add(value);
    }

    int lineOf(int index) {
        return index >= 0 && index < size() ? itemLines[index] : 0;
    }
}
