package io.jenkins.plugins.mesh.plugin.report;

import io.jenkins.plugins.mesh.engine.analysis.CheckBounds;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One health check's value over the rollout against its limit: the success rate with its 99 % line, the p99 latency
 * with its 500 ms line. A dot per evaluation, coloured by its verdict; a hollow dot at the bottom where there was no
 * value to judge.
 */
final class CheckChart {

    static final int HEIGHT = 170;
    private static final String VALUE_COLOUR = "#57606a";
    private static final String LIMIT_COLOUR = "#cf222e";

    /** One evaluation of the check. */
    record Point(long offsetMs, Double value, String verdict, String label) {
    }

    private CheckChart() {
    }

    static String render(String name, CheckBounds bounds, List<Point> points, long durationMs) {
        long end = durationMs;
        List<Double> values = new ArrayList<>();
        for (Point p : points) {
            end = Math.max(end, p.offsetMs());
            if (p.value() != null && Double.isFinite(p.value())) {
                values.add(p.value());
            }
        }
        double[] range = range(values, bounds);
        String unit = bounds.unit();
        SvgChart chart = new SvgChart("mesh-check-chart", name + " over time" + limitWords(bounds), HEIGHT, end,
                range[0], range[1]);
        double mid = (range[0] + range[1]) / 2;
        // the axis has room for about 9 characters left of the plot: "1000 requests/s" would be cut to its unit
        String axisUnit = "requests/s".equals(unit) ? "/s" : unit;
        chart.valueGrid(List.of(range[0], mid, range[1]), List.of(axisLabel(round(range[0]), axisUnit),
                axisLabel(round(mid), axisUnit), axisLabel(round(range[1]), axisUnit))).timeAxis();
        if (bounds.min() != null) {
            limit(chart, bounds.min(), "min " + ReportText.limit(bounds.min(), unit));
        }
        if (bounds.max() != null) {
            limit(chart, bounds.max(), "max " + ReportText.limit(bounds.max(), unit));
        }
        List<double[]> line = new ArrayList<>();
        for (Point p : points) {
            if (p.value() != null && Double.isFinite(p.value())) {
                line.add(new double[] {chart.x(p.offsetMs()), chart.y(p.value())});
            }
        }
        chart.polyline("mesh-value-line", VALUE_COLOUR, 1.5, false, line);
        Set<SvgChart.Mark> seen = EnumSet.noneOf(SvgChart.Mark.class);
        boolean missing = false;
        for (Point p : points) {
            SvgChart.Mark mark = SvgChart.Mark.of(p.verdict());
            seen.add(mark);
            boolean noValue = p.value() == null || !Double.isFinite(p.value());
            missing |= noValue;
            String text = noValue ? "no data" : ReportText.value(p.value(), unit);
            chart.dot(chart.x(p.offsetMs()), noValue ? chart.plotBottom() - 6 : chart.y(p.value()), mark, noValue,
                    ReportText.relative(p.offsetMs()) + ": " + text + ", " + mark.word + " (" + p.label() + ")");
        }
        List<SvgChart.LegendItem> legend = new ArrayList<>();
        legend.add(SvgChart.LegendItem.line("mesh-value-line", VALUE_COLOUR, "value"));
        if (bounds.hasLimit()) {
            legend.add(SvgChart.LegendItem.dashed("mesh-limit-line", LIMIT_COLOUR, "limit"));
        }
        for (SvgChart.Mark mark : seen) {
            legend.add(SvgChart.LegendItem.dot(mark, mark.word));
        }
        if (missing) {
            legend.add(SvgChart.LegendItem.ring(SvgChart.Mark.INCONCLUSIVE, "no data"));
        }
        return chart.legend(legend).render();
    }

    /** {@code 500/s} with the short rate unit, else as {@link ReportText#limit}: {@code 99 %}, {@code 500 ms}. */
    private static String axisLabel(double value, String unit) {
        return unit.startsWith("/") ? ReportText.limit(value, "") + unit : ReportText.limit(value, unit);
    }

    private static void limit(SvgChart chart, double value, String label) {
        double py = chart.y(value);
        chart.polyline("mesh-limit-line", LIMIT_COLOUR, 1.5, true,
                List.of(new double[] {chart.x(0), py}, new double[] {chart.plotRight(), py}));
        chart.rightLabel(py, "mesh-limit-label", LIMIT_COLOUR, label);
    }

    private static String limitWords(CheckBounds bounds) {
        String unit = bounds.unit();
        if (bounds.min() != null && bounds.max() != null) {
            return ", limits " + ReportText.limit(bounds.min(), unit) + " to " + ReportText.limit(bounds.max(), unit);
        }
        if (bounds.min() != null) {
            return ", at least " + ReportText.limit(bounds.min(), unit);
        }
        return bounds.max() != null ? ", at most " + ReportText.limit(bounds.max(), unit) : "";
    }

    /** The values and the limits with some room around them; percentages stay within 0..100. */
    static double[] range(List<Double> values, CheckBounds bounds) {
        List<Double> all = new ArrayList<>(values);
        if (bounds.min() != null) {
            all.add(bounds.min());
        }
        if (bounds.max() != null) {
            all.add(bounds.max());
        }
        if (all.isEmpty()) {
            return new double[] {0, 1};
        }
        double low = all.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double high = all.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double pad = high > low ? (high - low) * 0.15 : Math.max(Math.abs(high) * 0.1, 1);
        low -= pad;
        high += pad;
        if (low < 0 && values.stream().allMatch(v -> v >= 0) && !"pp".equals(bounds.unit())) {
            low = 0;
        }
        // round ends, so the axis reads 60 %, 80 %, 100 % rather than 77.3 %, 88.6 %, 100 %
        double step = niceStep((high - low) / 2);
        low = Math.floor(low / step) * step;
        high = Math.ceil(high / step) * step;
        if ("%".equals(bounds.unit())) {
            low = Math.max(0, low);
            high = Math.min(100, high);
        }
        return new double[] {low, high};
    }

    /** An axis label's number: round ends are nice already; four significant digits take care of the binary rest. */
    private static double round(double value) {
        return value == 0 ? 0 : new java.math.BigDecimal(value).round(new java.math.MathContext(4)).doubleValue();
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (factor * magnitude >= rough) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
