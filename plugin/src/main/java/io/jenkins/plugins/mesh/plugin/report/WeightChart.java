package io.jenkins.plugins.mesh.plugin.report;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The canary's weight over the rollout as a step line (0..100 %), with a dot for every analysis, coloured by its
 * verdict, where it judged the canary.
 */
final class WeightChart {

    static final int HEIGHT = 230;
    private static final String COLOUR = "#0969da";

    /** The canary weight (0..100) set at {@code offsetMs} after the rollout started. */
    record WeightPoint(long offsetMs, int weight) {
    }

    /** One analysis: when, at which weight, its verdict and what it found. */
    record Analysis(long offsetMs, int weight, String verdict, String label) {
    }

    private WeightChart() {
    }

    static String render(List<WeightPoint> weights, List<Analysis> analyses, long durationMs) {
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
                    ReportText.relative(a.offsetMs()) + " at " + a.weight() + " %: " + a.label());
        }
        List<SvgChart.LegendItem> legend = new ArrayList<>();
        legend.add(SvgChart.LegendItem.line("mesh-weight-line", COLOUR, "canary weight"));
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
