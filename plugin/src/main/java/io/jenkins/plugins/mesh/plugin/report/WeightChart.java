package io.jenkins.plugins.mesh.plugin.report;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The canary's weight over the rollout as a step line (0..100 %), with a dot for every analysis, coloured by its
 * verdict, where it judged the canary. A mirror or A/B phase, where the weight stays 0 %, is a shaded band with its
 * name, so the flat start reads as what it was.
 */
final class WeightChart {

    static final int HEIGHT = 230;
    private static final String COLOUR = "#0969da";
    private static final String PHASE_COLOUR = "#8250df";

    /** The canary weight (0..100) set at {@code offsetMs} after the rollout started. */
    record WeightPoint(long offsetMs, int weight) {
    }

    /** One analysis: when, at which weight (or in which phase: empty for a weighted step), its verdict and findings. */
    record Analysis(long offsetMs, int weight, String verdict, String label, String phase) {

        Analysis(long offsetMs, int weight, String verdict, String label) {
            this(offsetMs, weight, verdict, label, "");
        }
    }

    /** A mirror or A/B phase from {@code fromMs} to {@code toMs} after the start, named {@code label}. */
    record PhaseSpan(long fromMs, long toMs, String label) {
    }

    private WeightChart() {
    }

    static String render(List<WeightPoint> weights, List<Analysis> analyses, long durationMs) {
        return render(weights, analyses, List.of(), durationMs);
    }

    static String render(List<WeightPoint> weights, List<Analysis> analyses, List<PhaseSpan> phases,
            long durationMs) {
        long end = durationMs;
        for (WeightPoint w : weights) {
            end = Math.max(end, w.offsetMs());
        }
        for (Analysis a : analyses) {
            end = Math.max(end, a.offsetMs());
        }
        SvgChart chart = new SvgChart("mesh-weight-chart", "Canary weight over time: " + weights.size()
                + " changes, " + analyses.size() + " analyses", HEIGHT, end, 0, 100);
        chart.valueGrid(List.of(0.0, 25.0, 50.0, 75.0, 100.0), List.of("0 %", "25 %", "50 %", "75 %", "100 %"))
                .timeAxis();
        for (PhaseSpan phase : phases) {
            chart.band(phase.fromMs(), phase.toMs(), "mesh-phase-band", PHASE_COLOUR, phase.label());
        }
        List<double[]> line = stepLine(chart, weights, end);
        chart.area("mesh-weight-area", COLOUR, line).polyline("mesh-weight-line", COLOUR, 2.5, false, line);
        if (!weights.isEmpty()) {
            int last = weights.get(weights.size() - 1).weight();
            chart.rightLabel(chart.y(clamp(last)), "mesh-weight-label", COLOUR, clamp(last) + " %");
        }
        Set<SvgChart.Mark> seen = EnumSet.noneOf(SvgChart.Mark.class);
        for (Analysis a : analyses) {
            SvgChart.Mark mark = SvgChart.Mark.of(a.verdict());
            seen.add(mark);
            chart.dot(chart.x(a.offsetMs()), chart.y(clamp(a.weight())), mark, false,
                    ReportText.relative(a.offsetMs()) + (a.phase() == null || a.phase().isEmpty()
                            ? " at " + a.weight() + " %: " : " in the " + a.phase() + " phase: ") + a.label());
        }
        List<SvgChart.LegendItem> legend = new ArrayList<>();
        legend.add(SvgChart.LegendItem.line("mesh-weight-line", COLOUR, "canary weight"));
        if (!phases.isEmpty()) {
            legend.add(SvgChart.LegendItem.band("mesh-phase-key", PHASE_COLOUR, "phase (mirror, A/B)"));
        }
        for (SvgChart.Mark mark : seen) {
            legend.add(SvgChart.LegendItem.dot(mark, "analysis " + mark.word));
        }
        return chart.legend(legend).render();
    }

    /** From 0 % at the start, up (or down) to each weight at its time, held to the end. */
    private static List<double[]> stepLine(SvgChart chart, List<WeightPoint> weights, long end) {
        List<double[]> points = new ArrayList<>();
        if (weights.isEmpty()) {
            return points;
        }
        double lastY = chart.y(0);
        points.add(new double[] {chart.x(0), lastY});
        for (WeightPoint w : weights) {
            double px = chart.x(w.offsetMs());
            double py = chart.y(clamp(w.weight()));
            points.add(new double[] {px, lastY});
            points.add(new double[] {px, py});
            lastY = py;
        }
        points.add(new double[] {chart.x(end), lastY});
        return points;
    }

    private static int clamp(int weight) {
        return Math.max(0, Math.min(100, weight));
    }
}
