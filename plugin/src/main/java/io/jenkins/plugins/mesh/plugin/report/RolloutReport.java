package io.jenkins.plugins.mesh.plugin.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.mesh.engine.analysis.CheckBounds;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A read-only view of one rollout report, the JSON of the engine's {@code RolloutReport}:
 * {@code {"outcome","target","reason","steps":[{"weight","at","verdict","analyses","phase"}],"checks":[{"at","weight",
 * "name","value","threshold","verdict","detail","phase"}],"restored","durationMs","timeline":[{"at","type","weight",
 * "message"}]}}; {@code phase} names a mirror or A/B phase ({@code mirror 20%}) and is null for a weighted step.
 * Times are ISO-8601 instants (epoch milliseconds are read too) and are shown relative to the rollout's start.
 * Getters serve the Jelly views.
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
    private final Instant start;

    private RolloutReport(String outcome, String target, String reason, List<StepEntry> steps,
            List<CheckEntry> checks, boolean restored, long durationMs, List<TimelineEntry> timeline, Instant start) {
        this.outcome = outcome;
        this.target = target;
        this.reason = reason;
        this.timeline = List.copyOf(timeline);
        this.steps = List.copyOf(steps);
        this.checks = List.copyOf(checks);
        this.restored = restored;
        this.durationMs = durationMs;
        this.start = start;
    }

    /** Parses a report; unknown fields are ignored so older plugin versions can show newer reports. */
    public static RolloutReport parse(String json) throws JsonProcessingException {
        JsonNode root = JSON.readTree(json);
        Instant start = start(root);
        List<StepEntry> steps = new ArrayList<>();
        for (JsonNode step : root.path("steps")) {
            steps.add(new StepEntry(step.path("weight").asInt(), time(step.path("at")),
                    step.path("verdict").asText(""), step.path("analyses").asInt(), text(step.path("phase")), start));
        }
        List<CheckEntry> checks = new ArrayList<>();
        for (JsonNode check : root.path("checks")) {
            checks.add(new CheckEntry(check.path("name").asText(""), number(check.path("value")),
                    check.path("threshold").asText(""), check.path("verdict").asText(""),
                    time(check.path("at")), check.path("weight").asInt(), check.path("detail").asText(""),
                    text(check.path("phase")), start));
        }
        List<TimelineEntry> timeline = new ArrayList<>();
        for (JsonNode event : root.path("timeline")) {
            timeline.add(new TimelineEntry(time(event.path("at")), event.path("type").asText(""),
                    event.path("weight").asInt(), event.path("message").asText(""), start));
        }
        JsonNode outcome = root.path("outcome");
        return new RolloutReport(outcome.isTextual() ? outcome.asText() : "RUNNING",
                root.path("target").asText(""), root.path("reason").asText(""), steps, checks,
                root.path("restored").asBoolean(false), root.path("durationMs").asLong(0), timeline, start);
    }

    /** When the rollout started: its first event, else its first step; null when the report has no times. */
    private static Instant start(JsonNode root) {
        for (String list : List.of("timeline", "steps")) {
            for (JsonNode entry : root.path(list)) {
                Instant at = time(entry.path("at"));
                if (at != null) {
                    return at;
                }
            }
        }
        return null;
    }

    /** Time since {@code start}: {@code +1m05s}; empty when either is unknown. */
    private static String relative(Instant start, Instant at) {
        return start == null || at == null ? "" : ReportText.relative(at.toEpochMilli() - start.toEpochMilli());
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

    /** A text field, empty when absent or null. */
    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : "";
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }

    public String getOutcome() {
        return outcome;
    }

    /** The outcome as a CSS modifier: {@code rolled-back}, {@code promoted}. */
    public String getOutcomeClass() {
        return outcome.toLowerCase(Locale.ROOT).replace('_', '-');
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

    /** Whether the routes were restored, for people: yes or no. */
    public String getRestoredText() {
        return restored ? Messages.RolloutReport_Yes() : Messages.RolloutReport_No();
    }

    /** The build page's line under the outcome: {@code canary weight 0 % · 2 min 5 s · routes restored}. */
    public String getSummaryFacts() {
        return restored ? Messages.RolloutReport_SummaryFactsRestored(getFinalWeight(), getDurationText())
                : Messages.RolloutReport_SummaryFacts(getFinalWeight(), getDurationText());
    }

    /**
     * A line for an outcome whose badge alone could mislead: INCONCLUSIVE is neither a pass nor a failure. Empty for
     * the others.
     */
    public String getSummaryNote() {
        if (!"INCONCLUSIVE".equals(outcome)) {
            return "";
        }
        return restored ? Messages.RolloutReport_InconclusiveNote() : Messages.RolloutReport_InconclusiveHeldNote();
    }

    public long getDurationMs() {
        return durationMs;
    }

    /** The duration for display, e.g. "4 min 10 s". */
    public String getDurationText() {
        return ReportText.duration(durationMs);
    }

    /** When the rollout started, for a tooltip; empty when the report has no times. */
    public String getStartText() {
        return ReportText.absolute(start);
    }

    /** The canary weight at the end: the last event's (100 after a promotion, 0 after a restore), else the last step's. */
    public int getFinalWeight() {
        if (!timeline.isEmpty()) {
            return timeline.get(timeline.size() - 1).getWeight();
        }
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).getWeight();
    }

    /** The canary weight over the rollout and a dot per analysis, as inline SVG (escaped, no script). */
    public String getWeightChartSvg() {
        List<WeightChart.WeightPoint> weights = new ArrayList<>();
        if (start != null) {
            if (timeline.isEmpty()) {
                for (StepEntry step : steps) {
                    if (step.getTime() != null) {
                        weights.add(new WeightChart.WeightPoint(offset(step.getTime()), step.getWeight()));
                    }
                }
            }
            int last = -1;
            for (TimelineEntry event : timeline) {
                if (event.getTime() != null && event.getWeight() != last) {
                    weights.add(new WeightChart.WeightPoint(offset(event.getTime()), event.getWeight()));
                    last = event.getWeight();
                }
            }
        }
        return WeightChart.render(weights, analyses(), phaseSpans(), durationMs);
    }

    /**
     * The mirror and A/B phases on the time axis: each from the time it began to the next stage, or, for the last, to
     * the rollout's last event (its end).
     */
    private List<WeightChart.PhaseSpan> phaseSpans() {
        List<WeightChart.PhaseSpan> spans = new ArrayList<>();
        if (start == null) {
            return spans;
        }
        Instant end = timeline.isEmpty() ? null : timeline.get(timeline.size() - 1).getTime();
        for (int i = 0; i < steps.size(); i++) {
            StepEntry step = steps.get(i);
            if (step.getPhase().isEmpty() || step.getTime() == null) {
                continue;
            }
            Instant until = i + 1 < steps.size() ? steps.get(i + 1).getTime() : end;
            long to = until == null ? durationMs : offset(until);
            spans.add(new WeightChart.PhaseSpan(offset(step.getTime()), Math.max(to, offset(step.getTime())),
                    step.getPhase()));
        }
        return spans;
    }

    /** The checks of one analysis (one time) as one dot, with the worst verdict among them. */
    private List<WeightChart.Analysis> analyses() {
        Map<Instant, List<CheckEntry>> byTime = new LinkedHashMap<>();
        for (CheckEntry check : checks) {
            if (check.getTime() != null && start != null) {
                byTime.computeIfAbsent(check.getTime(), t -> new ArrayList<>()).add(check);
            }
        }
        List<WeightChart.Analysis> analyses = new ArrayList<>();
        for (Map.Entry<Instant, List<CheckEntry>> entry : byTime.entrySet()) {
            List<CheckEntry> all = entry.getValue();
            String verdict = all.stream().anyMatch(c -> "FAIL".equals(c.getVerdict())) ? "FAIL"
                    : all.stream().allMatch(c -> "PASS".equals(c.getVerdict())) ? "PASS" : "INCONCLUSIVE";
            StringBuilder label = new StringBuilder();
            for (CheckEntry c : all) {
                label.append(label.length() == 0 ? "" : "; ").append(c.getName()).append(' ')
                        .append(c.getValueText()).append(' ').append(c.getVerdict());
            }
            analyses.add(new WeightChart.Analysis(offset(entry.getKey()), all.get(0).getWeight(), verdict,
                    label.toString(), all.get(0).getPhase()));
        }
        return analyses;
    }

    /** Each check's values over the rollout against its limit, one chart per check, in the order they first ran. */
    public List<CheckSeries> getCheckCharts() {
        Map<String, List<CheckEntry>> byName = new LinkedHashMap<>();
        for (CheckEntry check : checks) {
            if (check.getTime() != null && start != null) {
                byName.computeIfAbsent(check.getName(), n -> new ArrayList<>()).add(check);
            }
        }
        List<CheckSeries> charts = new ArrayList<>();
        for (Map.Entry<String, List<CheckEntry>> entry : byName.entrySet()) {
            CheckBounds bounds = CheckBounds.ofSpec(entry.getKey());
            List<CheckChart.Point> points = new ArrayList<>();
            for (CheckEntry c : entry.getValue()) {
                points.add(new CheckChart.Point(offset(c.getTime()), c.getValue(), c.getVerdict(), c.getThreshold()));
            }
            CheckEntry first = entry.getValue().get(0);
            charts.add(new CheckSeries(entry.getKey(), first.getThreshold(),
                    CheckChart.render(entry.getKey(), bounds, points, durationMs)));
        }
        return charts;
    }

    private static String stageText(String phase, int weight) {
        return phase.isEmpty() ? weight + " %" : phase;
    }

    private long offset(Instant at) {
        return start == null || at == null ? 0 : at.toEpochMilli() - start.toEpochMilli();
    }

    /** One check's chart: its name, its rule in words and the SVG. */
    public static final class CheckSeries {
        private final String name;
        private final String threshold;
        private final String svg;

        CheckSeries(String name, String threshold, String svg) {
            this.name = name;
            this.threshold = threshold;
            this.svg = svg;
        }

        public String getName() {
            return name;
        }

        public String getThreshold() {
            return threshold;
        }

        public String getSvg() {
            return svg;
        }
    }

    /** One traffic step: the canary weight set at a time and the verdict of the analysis that followed. */
    public static final class StepEntry {
        private final int weight;
        private final Instant time;
        private final String verdict;
        private final int analyses;
        private final String phase;
        private final Instant start;

        StepEntry(int weight, Instant time, String verdict, int analyses, String phase, Instant start) {
            this.weight = weight;
            this.time = time;
            this.verdict = verdict;
            this.analyses = analyses;
            this.phase = phase;
            this.start = start;
        }

        /** The mirror or A/B phase this stage was ({@code mirror 20%}); empty for a weighted step. */
        public String getPhase() {
            return phase;
        }

        /** What the stage was, for the table: the phase, or the canary's weight ({@code 25 %}). */
        public String getStageText() {
            return stageText(phase, weight);
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

        /** When the weight was set, after the rollout's start: {@code +1m05s}. */
        public String getTimeText() {
            return relative(start, time);
        }

        public String getAbsoluteTime() {
            return ReportText.absolute(time);
        }

        public String getVerdict() {
            return verdict;
        }

        /** The verdict as a CSS modifier ({@code pass}, {@code fail}, {@code inconclusive}); empty when none. */
        public String getVerdictClass() {
            return verdict.toLowerCase(Locale.ROOT);
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
        private final String phase;
        private final Instant start;

        CheckEntry(String name, Double value, String threshold, String verdict, Instant time, int weight,
                String detail, String phase, Instant start) {
            this.name = name;
            this.value = value;
            this.threshold = threshold;
            this.verdict = verdict;
            this.time = time;
            this.weight = weight;
            this.detail = detail;
            this.phase = phase;
            this.start = start;
        }

        /** The mirror or A/B phase the check judged; empty for a weighted step. */
        public String getPhase() {
            return phase;
        }

        /** What the check judged, for the table: the phase, or the canary's weight ({@code 25 %}). */
        public String getStageText() {
            return stageText(phase, weight);
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

        /** The value rounded for its unit ({@code 97.5 %}, {@code 123 ms}); "no data" when there was none. */
        public String getValueText() {
            return value == null ? "no data" : ReportText.value(value, CheckBounds.ofSpec(name).unit());
        }

        public String getThreshold() {
            return threshold;
        }

        public String getVerdict() {
            return verdict;
        }

        public String getVerdictClass() {
            return verdict.toLowerCase(Locale.ROOT);
        }

        public Instant getTime() {
            return time;
        }

        /** When the check was evaluated, after the rollout's start: {@code +1m05s}. */
        public String getTimeText() {
            return relative(start, time);
        }

        public String getAbsoluteTime() {
            return ReportText.absolute(time);
        }
    }

    /** One line of the rollout's story. */
    public static final class TimelineEntry {
        private final Instant time;
        private final String type;
        private final int weight;
        private final String message;
        private final Instant start;

        TimelineEntry(Instant time, String type, int weight, String message, Instant start) {
            this.time = time;
            this.type = type;
            this.weight = weight;
            this.message = message;
            this.start = start;
        }

        public Instant getTime() {
            return time;
        }

        /** When it happened, after the rollout's start: {@code +1m05s}. */
        public String getTimeText() {
            return relative(start, time);
        }

        public String getAbsoluteTime() {
            return ReportText.absolute(time);
        }

        public String getType() {
            return type;
        }

        /** The event's kind for people: {@code weight set}, {@code restored}, {@code pre-flight}. */
        public String getTypeText() {
            return "PREFLIGHT".equals(type) ? "pre-flight" : type.toLowerCase(Locale.ROOT).replace('_', ' ');
        }

        public int getWeight() {
            return weight;
        }

        public String getMessage() {
            return message;
        }
    }
}
