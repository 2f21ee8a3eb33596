package io.jenkins.plugins.mesh.engine.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * The plan as text for a build log or a pull-request comment, in the manner of {@code terraform plan}: one block
 * per object that is not unchanged ({@code +} create, {@code ~} update, {@code -} delete, {@code !} drift or
 * conflict), one line per field, and a closing count.
 */
public final class PlanText {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_VALUE = 120;

    private PlanText() {
    }

    /** Renders {@code plan}; unchanged objects are counted, not listed. */
    public static String render(ApplyPlan plan) {
        StringBuilder out = new StringBuilder();
        List<PlannedChange> shown = plan.changes().stream().filter(c -> c.action() != PlanAction.UNCHANGED
                || c.diff().stream().anyMatch(d -> !d.planned())).toList();
        if (shown.isEmpty()) {
            out.append("No changes. The cluster matches the files (").append(plan.changes().size())
                    .append(plan.changes().size() == 1 ? " object).\n" : " objects).\n");
            return out.toString();
        }
        out.append("Mesh Pipeline will perform the following actions:\n");
        for (PlannedChange change : shown) {
            out.append('\n').append("  # ").append(change.displayName()).append(' ').append(verb(change.action()));
            if (change.line() > 0) {
                out.append(" (").append(change.file()).append(':').append(change.line()).append(')');
            }
            out.append('\n');
            if (change.reason() != null) {
                out.append("  # ").append(change.reason()).append('\n');
            }
            out.append("  ").append(symbol(change.action())).append(' ').append(change.displayName()).append('\n');
            for (FieldDiff diff : change.diff()) {
                out.append("      ").append(line(diff)).append('\n');
            }
        }
        Map<String, Integer> s = plan.summary();
        out.append('\n').append("Plan: ").append(s.get("create")).append(" to create, ").append(s.get("update"))
                .append(" to update, ").append(s.get("delete")).append(" to delete, ").append(s.get("unchanged"))
                .append(" unchanged, ").append(s.get("drift")).append(" drifted, ").append(s.get("conflict"))
                .append(" in conflict.\n");
        return out.toString();
    }

    private static String line(FieldDiff diff) {
        String suffix = diff.planned() ? "" : "   (managed by " + diff.managedBy() + "; not planned)";
        if (diff.before() == null) {
            return "+ " + diff.path() + ": " + value(diff.after()) + suffix;
        }
        if (diff.after() == null) {
            return "- " + diff.path() + ": " + value(diff.before()) + suffix;
        }
        return "~ " + diff.path() + ": " + value(diff.before()) + " -> " + value(diff.after()) + suffix;
    }

    private static String value(Object value) {
        String text;
        if (value instanceof String s) {
            text = s;
        } else {
            try {
                text = MAPPER.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                text = String.valueOf(value);
            }
        }
        return text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE - 3) + "..." : text;
    }

    private static String verb(PlanAction action) {
        return switch (action) {
            case CREATE -> "will be created";
            case UPDATE -> "will be updated in place";
            case DELETE -> "will be deleted";
            case UNCHANGED -> "is unchanged";
            case DRIFT -> "has drifted (changed in the cluster; left as it is)";
            case CONFLICT -> "is in conflict (apply refuses)";
        };
    }

    private static String symbol(PlanAction action) {
        return switch (action) {
            case CREATE -> "+";
            case UPDATE -> "~";
            case DELETE -> "-";
            case UNCHANGED -> " ";
            case DRIFT, CONFLICT -> "!";
        };
    }
}
