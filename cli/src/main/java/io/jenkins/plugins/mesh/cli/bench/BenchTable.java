package io.jenkins.plugins.mesh.cli.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of one benchmark section as a table: printed aligned for people, written as JSON for tools.
 *
 * @param id short id, e.g. {@code P4}
 * @param title what was measured
 * @param columns column headings
 * @param rows the cells, as text, one list per row
 */
public record BenchTable(String id, String title, List<String> columns, List<List<String>> rows) {

    public BenchTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /** Prints the table with a heading and aligned columns. */
    public void print(PrintWriter out) {
        out.println(id + " " + title);
        int[] widths = new int[columns.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(columns);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < widths.length && i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length && i < row.size(); i++) {
                line.append(i == 0 ? "  " : "  ").append(String.format("%" + widths[i] + "s", row.get(i)));
            }
            out.println(line);
        }
        out.println();
    }
}
