package io.jenkins.plugins.mesh.plugin.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A read-only view of one rollout report, the JSON of the engine's {@code RolloutReport}:
 * {@code {"outcome","target","reason","steps":[{"weight","at","verdict","analyses"}],"checks":[{"at","weight","name",
 * "value","threshold","verdict","detail"}],"restored","durationMs","timeline":[{"at","type","weight","message"}]}}.
 * Times are ISO-8601 instants (epoch milliseconds are read too). Getters serve the Jelly views.
 */
public final class RolloutReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String outcome;
    private final String target;
    private final String reason;
    private final List<StepEntry> steps;
    private final List<CheckEntry> checks;
    private final boolean restored;
    private final long durationMs;
    private final List<TimelineEntry> timeline;

    private RolloutReport(String outcome, String target, String reason, List<StepEntry> steps,
            List<CheckEntry> checks, boolean restored, long durationMs, List<TimelineEntry> timeline) {
        this.outcome = outcome;
        this.target = target;
        this.reason = reason;
        this.timeline = List.copyOf(timeline);
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
            steps.add(new StepEntry(step.path("weight").asInt(), time(step.path("at")),
                    step.path("verdict").asText(""), step.path("analyses").asInt()));
        }
        List<CheckEntry> checks = new ArrayList<>();
        for (JsonNode check : root.path("checks")) {
            checks.add(new CheckEntry(check.path("name").asText(""), number(check.path("value")),
                    check.path("threshold").asText(""), check.path("verdict").asText(""),
                    time(check.path("at")), check.path("weight").asInt(), check.path("detail").asText("")));
        }
        List<TimelineEntry> timeline = new ArrayList<>();
        for (JsonNode event : root.path("timeline")) {
            timeline.add(new TimelineEntry(time(event.path("at")), event.path("type").asText(""),
                    event.path("weight").asInt(), event.path("message").asText("")));
        }
        JsonNode outcome = root.path("outcome");
        return new RolloutReport(outcome.isTextual() ? outcome.asText() : "RUNNING", root.path("target").asText(""),
                root.path("reason").asText(""), steps, checks, root.path("restored").asBoolean(false),
                root.path("durationMs").asLong(0), timeline);
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

    /** Why the rollout ended as it did, in the engine's words. */
    public String getReason() {
        return reason;
    }

    public List<TimelineEntry> getTimeline() {
        return timeline;
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

    /** The canary weight at the end: the last event's (100 after a promotion, 0 after a restore), else the last step's. */
    public int getFinalWeight() {
        if (!timeline.isEmpty()) {
            return timeline.get(timeline.size() - 1).getWeight();
        }
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).getWeight();
    }

    /**
     * The time line as inline SVG (escaped markup, no script): the canary weight after every event of the rollout
     * (so the promotion to 100 % and the restore to 0 % show), each check as a dot.
     */
    public String getTimelineSvg() {
        Instant start = timeline.stream().map(TimelineEntry::getTime).filter(t -> t != null).findFirst()
                .orElse(steps.stream().map(StepEntry::getTime).filter(t -> t != null).findFirst().orElse(null));
        List<TimelineChart.WeightPoint> weights = new ArrayList<>();
        List<TimelineChart.CheckPoint> marks = new ArrayList<>();
        if (start != null) {
            if (timeline.isEmpty()) {
                for (StepEntry step : steps) {
                    if (step.getTime() != null) {
                        weights.add(new TimelineChart.WeightPoint(offset(start, step.getTime()), step.getWeight()));
                    }
                }
            }
            int last = -1;
            for (TimelineEntry event : timeline) {
                if (event.getTime() != null && event.getWeight() != last) {
                    weights.add(new TimelineChart.WeightPoint(offset(start, event.getTime()), event.getWeight()));
                    last = event.getWeight();
                }
            }
            for (CheckEntry check : checks) {
                if (check.getTime() != null) {
                    marks.add(new TimelineChart.CheckPoint(offset(start, check.getTime()),
                            check.getName() + " " + check.getValueText() + " (" + check.getThreshold() + ")",
                            check.getVerdict()));
                }
            }
        }
        return TimelineChart.render(weights, marks, durationMs);
    }

    private static long offset(Instant start, Instant at) {
        return at.toEpochMilli() - start.toEpochMilli();
    }

    /** One traffic step: the canary weight set at a time and the verdict of the analysis that followed. */
    public static final class StepEntry {
        private final int weight;
        private final Instant time;
        private final String verdict;
        private final int analyses;

        StepEntry(int weight, Instant time, String verdict, int analyses) {
            this.weight = weight;
            this.time = time;
            this.verdict = verdict;
            this.analyses = analyses;
        }

        /** How many analyses judged this step (inconclusive ones are repeated). */
        public int getAnalyses() {
            return analyses;
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
        private final int weight;
        private final String detail;

        CheckEntry(String name, Double value, String threshold, String verdict, Instant time, int weight,
                String detail) {
            this.name = name;
            this.value = value;
            this.threshold = threshold;
            this.verdict = verdict;
            this.time = time;
            this.weight = weight;
            this.detail = detail;
        }

        /** The canary weight the check judged. */
        public int getWeight() {
            return weight;
        }

        /** Why, in the engine's words (query, sample size, ...). */
        public String getDetail() {
            return detail;
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

    /** One line of the rollout's story. */
    public static final class TimelineEntry {
        private final Instant time;
        private final String type;
        private final int weight;
        private final String message;

        TimelineEntry(Instant time, String type, int weight, String message) {
            this.time = time;
            this.type = type;
            this.weight = weight;
            this.message = message;
        }

        public Instant getTime() {
            return time;
        }

        public String getType() {
            return type;
        }

        public int getWeight() {
            return weight;
        }

        public String getMessage() {
            return message;
        }
    }
}
