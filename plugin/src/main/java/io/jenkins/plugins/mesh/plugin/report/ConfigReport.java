package io.jenkins.plugins.mesh.plugin.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A read-only view of what one {@code meshPlan} or {@code meshApply} recorded, for the build page:
 * {@code {"step","cluster","namespace","files","plan":{"changes":[...],"summary":{...}},"outcome","reason",
 * "items":[{"object","action","status","message"}],"analyses":[{"at","verdict","summary"}],
 * "timeline":[{"at","message"}]}}; {@code plan} is the engine's plan JSON, {@code outcome} and the rest only for an
 * apply. Unknown fields are ignored. Getters serve the Jelly views.
 */
public final class ConfigReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_VALUE = 120;
    private static final List<String> ACTIONS = List.of("create", "update", "delete", "unchanged", "drift",
            "conflict");

    private final JsonNode root;
    private final Instant start;

    private ConfigReport(JsonNode root) {
        this.root = root;
        Instant first = null;
        for (JsonNode event : root.path("timeline")) {
            first = time(event.path("at"));
            if (first != null) {
                break;
            }
        }
        this.start = first;
    }

    public static ConfigReport parse(String json) throws JsonProcessingException {
        return new ConfigReport(JSON.readTree(json));
    }

    /** {@code meshPlan} or {@code meshApply}. */
    public String getStep() {
        return root.path("step").asText("");
    }

    public boolean isApply() {
        return "meshApply".equals(getStep());
    }

    /** {@code cluster sim, namespace bookinfo, files deploy/**}{@code /*.yaml}. */
    public String getScope() {
        return Messages.ConfigReport_Scope(root.path("cluster").asText(""), root.path("namespace").asText(""),
                root.path("files").asText(""));
    }

    /** The apply's outcome, {@code PLANNED} for a plan. */
    public String getOutcome() {
        JsonNode outcome = root.path("outcome");
        return outcome.isTextual() ? outcome.asText() : "PLANNED";
    }

    /** The outcome as a CSS modifier: {@code applied}, {@code reverted}, {@code revert-pending}. */
    public String getOutcomeClass() {
        return getOutcome().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String getReason() {
        return root.path("reason").asText("");
    }

    /** {@code 1 to create, 2 to update, 0 to delete, 3 unchanged, 1 drifted, 0 in conflict}. */
    public String getSummaryText() {
        JsonNode s = root.path("plan").path("summary");
        return Messages.ConfigReport_Summary(s.path("create").asInt(), s.path("update").asInt(),
                s.path("delete").asInt(), s.path("unchanged").asInt(), s.path("drift").asInt(),
                s.path("conflict").asInt());
    }

    /** Whether the plan changes anything (else the page says the cluster matches the files). */
    public boolean isChanged() {
        for (String action : ACTIONS) {
            if (!action.equals("unchanged") && root.path("plan").path("summary").path(action).asInt() > 0) {
                return true;
            }
        }
        return false;
    }

    /** The objects of the plan that are not unchanged, in the plan's order. */
    public List<Change> getChanges() {
        List<Change> changes = new ArrayList<>();
        for (JsonNode change : root.path("plan").path("changes")) {
            if (!"unchanged".equals(change.path("action").asText())) {
                changes.add(new Change(change));
            }
        }
        return changes;
    }

    /** Each object of the apply with how far it got. */
    public List<Item> getItems() {
        List<Item> items = new ArrayList<>();
        for (JsonNode item : root.path("items")) {
            items.add(new Item(item));
        }
        return items;
    }

    public List<Analysis> getAnalyses() {
        List<Analysis> analyses = new ArrayList<>();
        for (JsonNode analysis : root.path("analyses")) {
            analyses.add(new Analysis(analysis, start));
        }
        return analyses;
    }

    public List<Event> getTimeline() {
        List<Event> events = new ArrayList<>();
        for (JsonNode event : root.path("timeline")) {
            events.add(new Event(event, start));
        }
        return events;
    }

    /** For the build page's summary: {@code meshApply · 2 object(s) applied · 0 reverted}, or the plan's counts. */
    public String getSummaryFacts() {
        if (!isApply()) {
            return getStep() + " \u00b7 " + getSummaryText();
        }
        int applied = 0;
        int reverted = 0;
        for (Item item : getItems()) {
            if (item.getStatus().equals("verified")) {
                applied++;
            } else if (item.getStatus().equals("reverted") || item.getStatus().equals("untouched")) {
                reverted++;
            }
        }
        return getStep() + " \u00b7 " + Messages.ConfigReport_SummaryFacts(applied, reverted);
    }

    private static Instant time(JsonNode value) {
        if (!value.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String relative(JsonNode at, Instant start) {
        Instant time = time(at);
        return time == null || start == null ? "" : ReportText.relative(time.toEpochMilli() - start.toEpochMilli());
    }

    /** One object of the plan: what happens to it and its fields, live value first. */
    public static final class Change {
        private final JsonNode change;

        Change(JsonNode change) {
            this.change = change;
        }

        /** {@code VirtualService bookinfo/reviews}. */
        public String getObject() {
            String namespace = change.path("namespace").asText("");
            return change.path("kind").asText("") + " " + (namespace.isEmpty() ? "" : namespace + "/")
                    + change.path("name").asText("");
        }

        public String getAction() {
            return change.path("action").asText("");
        }

        /** {@code deploy/istio/reviews.yaml:12}, or nothing for an object only in the cluster. */
        public String getLocation() {
            int line = change.path("line").asInt();
            return line > 0 ? change.path("file").asText("") + ":" + line : "";
        }

        public String getReason() {
            return change.path("reason").asText("");
        }

        /** One line per field: {@code ~ spec.http[0].timeout: 5s -> 2s}, {@code + spec.hosts[0]: reviews}. */
        public List<String> getDiff() {
            List<String> lines = new ArrayList<>();
            for (JsonNode diff : change.path("diff")) {
                String path = diff.path("path").asText("");
                boolean hasBefore = diff.has("before") && !diff.get("before").isNull();
                boolean hasAfter = diff.has("after") && !diff.get("after").isNull();
                String line = !hasBefore ? "+ " + path + ": " + value(diff.get("after"))
                        : !hasAfter ? "- " + path + ": " + value(diff.get("before"))
                        : "~ " + path + ": " + value(diff.get("before")) + " -> " + value(diff.get("after"));
                if (diff.hasNonNull("managedBy")) {
                    line += "   " + Messages.ConfigReport_ManagedBy(diff.get("managedBy").asText());
                }
                lines.add(line);
            }
            return lines;
        }

        private static String value(JsonNode value) {
            if (value == null || value.isNull()) {
                return "null";
            }
            String text = value.isTextual() ? value.asText() : value.toString();
            return text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE - 3) + "..." : text;
        }
    }

    /** One object of an apply: the action, how far it got ({@code verified}, {@code reverted}, ...) and why. */
    public static final class Item {
        private final JsonNode item;

        Item(JsonNode item) {
            this.item = item;
        }

        public String getObject() {
            return item.path("object").asText("");
        }

        public String getAction() {
            return item.path("action").asText("");
        }

        public String getStatus() {
            return item.path("status").asText("");
        }

        /** {@code verified} is applied, {@code reverted} and {@code untouched} are as before, the rest need a look. */
        public String getStatusClass() {
            return switch (getStatus()) {
                case "verified" -> "pass";
                case "reverted", "untouched" -> "reverted";
                case "kept", "revert_pending" -> "fail";
                default -> "inconclusive";
            };
        }

        public String getMessage() {
            return item.path("message").asText("");
        }
    }

    /** One health analysis of the watch. */
    public static final class Analysis {
        private final JsonNode analysis;
        private final Instant start;

        Analysis(JsonNode analysis, Instant start) {
            this.analysis = analysis;
            this.start = start;
        }

        public String getTimeText() {
            return relative(analysis.path("at"), start);
        }

        public String getAbsoluteTime() {
            return ReportText.absolute(time(analysis.path("at")));
        }

        public String getVerdict() {
            return analysis.path("verdict").asText("");
        }

        public String getVerdictClass() {
            return getVerdict().toLowerCase(Locale.ROOT);
        }

        public String getSummary() {
            return analysis.path("summary").asText("");
        }
    }

    /** One line of the apply's time line. */
    public static final class Event {
        private final JsonNode event;
        private final Instant start;

        Event(JsonNode event, Instant start) {
            this.event = event;
            this.start = start;
        }

        public String getTimeText() {
            return relative(event.path("at"), start);
        }

        public String getAbsoluteTime() {
            return ReportText.absolute(time(event.path("at")));
        }

        public String getMessage() {
            return event.path("message").asText("");
        }
    }
}
