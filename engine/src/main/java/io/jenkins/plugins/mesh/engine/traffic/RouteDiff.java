package io.jenkins.plugins.mesh.engine.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A line diff of one route entry as YAML, like {@code kubectl diff}: {@code -} lines go, {@code +} lines come,
 * two spaces mark unchanged lines.
 */
final class RouteDiff {

    private RouteDiff() {
    }

    /** The diff of {@code before} and {@code after}, with a header line naming the route. */
    static String of(String header, Map<String, Object> before, Map<String, Object> after) {
        List<String> a = yaml(before);
        List<String> b = yaml(after);
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        StringBuilder out = new StringBuilder(header).append('\n');
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                out.append("  ").append(a.get(i++)).append('\n');
                j++;
            } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
                out.append("- ").append(a.get(i++)).append('\n');
            } else {
                out.append("+ ").append(b.get(j++)).append('\n');
            }
        }
        return out.toString();
    }

    private static List<String> yaml(Map<String, Object> value) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        String text = new Yaml(options).dump(value);
        return new ArrayList<>(List.of(text.split("\n")));
    }
}
