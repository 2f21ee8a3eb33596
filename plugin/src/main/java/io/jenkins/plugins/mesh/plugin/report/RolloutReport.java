package io.jenkins.plugins.mesh.plugin.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A read-only view of one rollout report, the JSON the engine writes at the end of a rollout:
 * {@code {"outcome","target","steps":[{"weight","time","verdict"}],"checks":[{"name","value","threshold","verdict",
 * "time"}],"restored","durationMs"}}. Times are ISO-8601 instants or epoch milliseconds. Getters serve the Jelly views.
 */
public final class RolloutReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String outcome;
    private final String target;
    private final List<StepEntry> steps;
    private final List<CheckEntry> checks;
    private final boolean restored;
    private final long durationMs;

    private RolloutReport(String outcome, String target, List<StepEntry> steps, List<CheckEntry> checks,
            boolean restored, long durationMs) {
        this.outcome = outcome;
        this.target = target;
        this.steps = List.copyOf(steps);
        this.checks = List.copyOf(checks);
        this.restored = restored;
        this.durationMs = durationMs;
    }

    /** Parses a report; unknown fields are ignored so older plugin versions can show newer reports. */
    public static RolloutReport parse(String json) throws JsonProcessingException {
        JsonNode root = JSON.readTree(json);
        List<StepEntry> steps = new ArrayList<>();
        for (JsonNode step : root.path("steps")) {
            steps.add(new StepEntry(step.path("weight").asInt(), time(step.path("time")),
                    step.path("verdict").asText("")));
        }
        List<CheckEntry> checks = new ArrayList<>();
        for (JsonNode check : root.path("checks")) {
            checks.add(new CheckEntry(check.path("name").asText(""), number(check.path("value")),
                    check.path("threshold").asText(""), check.path("verdict").asText(""),
                    time(check.path("time"))));
        }
        return new RolloutReport(root.path("outcome").asText("unknown"), root.path("target").asText(""), steps,
                checks, root.path("restored").asBoolean(false), root.path("durationMs").asLong(0));
    }

    private static Instant time(JsonNode node) {
        if (node.isNumber()) {
            return Instant.ofEpochMilli(node.asLong());
        }
        try {
            return node.isTextual() ? Instant.parse(node.asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }

    public String getOutcome() {
        return outcome;
    }

    public String getTarget() {
        return target;
    }

    public List<StepEntry> getSteps() {
        return steps;
    }

    public List<CheckEntry> getChecks() {
        return checks;
    }

    public boolean isRestored() {
        return restored;
    }

    public long getDurationMs() {
        return durationMs;
    }

    /** The duration for display, e.g. "4 min 10 s". */
    public String getDurationText() {
        return TimelineChart.duration(durationMs);
    }

    /** The weight the canary reached last, 0 when no step ran. */
    public int getFinalWeight() {
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).getWeight();
    }

    /** The time line as inline SVG (escaped markup, no script). */
    public String getTimelineSvg() {
        Instant start = steps.stream().map(StepEntry::getTime).filter(t -> t != null).findFirst().orElse(null);
        List<TimelineChart.WeightPoint> weights = new ArrayList<>();
        List<TimelineChart.CheckPoint> marks = new ArrayList<>();
        if (start != null) {
            for (StepEntry step : steps) {
                if (step.getTime() != null) {
                    weights.add(new TimelineChart.WeightPoint(step.getTime().toEpochMilli() - start.toEpochMilli(),
                            step.getWeight()));
                }
            }
            for (CheckEntry check : checks) {
                if (check.getTime() != null) {
                    marks.add(new TimelineChart.CheckPoint(check.getTime().toEpochMilli() - start.toEpochMilli(),
                            check.getName() + " " + check.getValueText() + " (" + check.getThreshold() + ")",
                            check.getVerdict()));
                }
            }
        }
        return TimelineChart.render(weights, marks, durationMs);
    }

    /** One traffic step: the canary weight set at a time and the verdict of the analysis that followed. */
    public static final class StepEntry {
        private final int weight;
        private final Instant time;
        private final String verdict;

        StepEntry(int weight, Instant time, String verdict) {
            this.weight = weight;
            this.time = time;
            this.verdict = verdict;
        }

        public int getWeight() {
            return weight;
        }

        public Instant getTime() {
            return time;
        }

        public String getVerdict() {
            return verdict;
        }
    }

    /** One evaluated health check. */
    public static final class CheckEntry {
        private final String name;
        private final Double value;
        private final String threshold;
        private final String verdict;
        private final Instant time;

        CheckEntry(String name, Double value, String threshold, String verdict, Instant time) {
            this.name = name;
            this.value = value;
            this.threshold = threshold;
            this.verdict = verdict;
            this.time = time;
        }

        public String getName() {
            return name;
        }

        public Double getValue() {
            return value;
        }

        /** The value for display; "no data" when the metric server returned none. */
        public String getValueText() {
            return value == null ? "no data" : String.format(java.util.Locale.ROOT, "%.3f", value);
        }

        public String getThreshold() {
            return threshold;
        }

        public String getVerdict() {
            return verdict;
        }

        public Instant getTime() {
            return time;
        }
    }
}
