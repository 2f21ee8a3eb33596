package io.jenkins.plugins.mesh.plugin.report;

import java.util.List;
import java.util.Locale;

/**
 * A small self-contained SVG chart over the time of one rollout: a frame with a time axis ({@code +0s ... +4m}), a
 * value axis, shapes and a legend. Every text is escaped and no script is emitted, so the markup can be written into
 * the page unescaped. Shapes carry CSS classes that the page's style sheet colours with Jenkins' theme; their
 * attributes hold the same colours for a page without it.
 */
final class SvgChart {

    static final int WIDTH = 720;
    private static final int LEFT = 64;
    private static final int RIGHT = 96;
    private static final int TOP = 12;
    private static final int BOTTOM = 46;
    private static final long[] TICK_SECONDS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200,
        14_400, 28_800, 86_400};

    /** What a verdict is drawn with: its CSS class and the colour without the style sheet. */
    enum Mark {
        PASS("mesh-pass", "#1a7f37", "passed"),
        FAIL("mesh-fail", "#cf222e", "failed"),
        INCONCLUSIVE("mesh-inconclusive", "#9a6700", "inconclusive");

        final String cssClass;
        final String colour;
        final String word;

        Mark(String cssClass, String colour, String word) {
            this.cssClass = cssClass;
            this.colour = colour;
            this.word = word;
        }

        static Mark of(String verdict) {
            if ("PASS".equalsIgnoreCase(verdict)) {
                return PASS;
            }
            return "FAIL".equalsIgnoreCase(verdict) ? FAIL : INCONCLUSIVE;
        }
    }

    /** One legend entry: a line, a dashed line or a dot, in a class and colour. */
    record LegendItem(String shape, String cssClass, String colour, String label) {

        static LegendItem line(String cssClass, String colour, String label) {
            return new LegendItem("line", cssClass, colour, label);
        }

        static LegendItem dashed(String cssClass, String colour, String label) {
            return new LegendItem("dashed", cssClass, colour, label);
        }

        static LegendItem dot(Mark mark, String label) {
            return new LegendItem("dot", mark.cssClass, mark.colour, label);
        }

        static LegendItem band(String cssClass, String colour, String label) {
            return new LegendItem("band", cssClass, colour, label);
        }

        static LegendItem ring(Mark mark, String label) {
            return new LegendItem("ring", mark.cssClass, mark.colour, label);
        }
    }

    private final int height;
    private final long endMs;
    private final double yMin;
    private final double yMax;
    private final StringBuilder svg = new StringBuilder();

    /**
     * @param title what the chart shows, for screen readers and as the tooltip of the whole chart
     * @param endMs the time the axis ends at, after the start of the rollout
     * @param yMin the value at the bottom of the plot
     * @param yMax the value at the top; above {@code yMin}
     */
    SvgChart(String cssClass, String title, int height, long endMs, double yMin, double yMax) {
        this.height = height;
        this.endMs = Math.max(1000, endMs);
        this.yMin = yMin;
        this.yMax = yMax > yMin ? yMax : yMin + 1;
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"mesh-chart ").append(escape(cssClass))
                .append("\" role=\"img\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\">");
        svg.append("<title>").append(escape(title)).append("</title>");
    }

    double x(long offsetMs) {
        return LEFT + (WIDTH - LEFT - RIGHT) * (double) Math.max(0, Math.min(offsetMs, endMs)) / endMs;
    }

    double y(double value) {
        double clamped = Math.max(yMin, Math.min(yMax, value));
        return TOP + (height - TOP - BOTTOM) * (yMax - clamped) / (yMax - yMin);
    }

    double plotBottom() {
        return height - BOTTOM;
    }

    double plotRight() {
        return WIDTH - RIGHT;
    }

    /** Horizontal grid lines at these values, labelled on the left. */
    SvgChart valueGrid(List<Double> values, List<String> labels) {
        for (int i = 0; i < values.size(); i++) {
            double py = y(values.get(i));
            svg.append(format("<line class=\"mesh-grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                    + "stroke=\"#d0d7de\" stroke-width=\"1\"/>", LEFT, py, plotRight(), py));
            svg.append(format("<text class=\"mesh-axis\" x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" "
                    + "fill=\"currentColor\">%s</text>", LEFT - 6, py + 4, escape(labels.get(i))));
        }
        return this;
    }

    /** The time axis: a base line and round ticks from +0s to the end. */
    SvgChart timeAxis() {
        double base = plotBottom();
        svg.append(format("<line class=\"mesh-axis-line\" x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                + "stroke=\"#8c959f\" stroke-width=\"1\"/>", LEFT, base, plotRight(), base));
        long step = tickStep(endMs);
        for (long at = 0; at <= endMs; at += step) {
            double px = x(at);
            svg.append(format("<line class=\"mesh-axis-line\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                    + "stroke=\"#8c959f\" stroke-width=\"1\"/>", px, base, px, base + 4));
            svg.append(format("<text class=\"mesh-axis\" x=\"%.1f\" y=\"%.1f\" font-size=\"11\" "
                    + "text-anchor=\"middle\" fill=\"currentColor\">%s</text>", px, base + 16,
                    escape(ReportText.tick(at))));
        }
        return this;
    }

    /** A line through points (x, y in chart coordinates). */
    SvgChart polyline(String cssClass, String colour, double width, boolean dashed, List<double[]> points) {
        if (points.isEmpty()) {
            return this;
        }
        svg.append("<polyline class=\"").append(escape(cssClass)).append("\" fill=\"none\" stroke=\"")
                .append(colour).append(format("\" stroke-width=\"%.1f\"", width));
        if (dashed) {
            svg.append(" stroke-dasharray=\"6 4\"");
        }
        svg.append(" points=\"").append(points(points)).append("\"/>");
        return this;
    }

    /** A filled shape between a line through points and the bottom of the plot. */
    SvgChart area(String cssClass, String colour, List<double[]> points) {
        if (points.isEmpty()) {
            return this;
        }
        double first = points.get(0)[0];
        double last = points.get(points.size() - 1)[0];
        svg.append("<polygon class=\"").append(escape(cssClass)).append("\" fill=\"").append(colour)
                .append("\" fill-opacity=\"0.15\" stroke=\"none\" points=\"")
                .append(format("%.1f,%.1f ", first, plotBottom())).append(points(points))
                .append(format(" %.1f,%.1f", last, plotBottom())).append("\"/>");
        return this;
    }

    /** A dot with a tooltip; hollow when it marks the absence of a value. */
    SvgChart dot(double px, double py, Mark mark, boolean hollow, String tooltip) {
        svg.append(format("<circle class=\"%s%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\" stroke=\"%s\" "
                + "stroke-width=\"%s\">", mark.cssClass, hollow ? " mesh-hollow" : "", px, py,
                hollow ? "none" : mark.colour, hollow ? mark.colour : "#ffffff", hollow ? "2" : "1.5"));
        svg.append("<title>").append(escape(tooltip)).append("</title></circle>");
        return this;
    }

    /**
     * A shaded band over the plot's height from {@code fromMs} to {@code toMs}, a dashed line at its start, its label
     * at the top left (cut to the band's width; the whole label is the tooltip).
     */
    SvgChart band(long fromMs, long toMs, String cssClass, String colour, String label) {
        double x1 = x(fromMs);
        double width = Math.max(2, x(toMs) - x1);
        svg.append(format("<g class=\"%s\"><title>%s</title><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
                + "height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.12\" stroke=\"none\"/>", escape(cssClass),
                escape(label), x1, TOP, width, plotBottom() - TOP, colour));
        // a line at its start, so two phases side by side read as two
        svg.append(format("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-opacity=\"0.6\" "
                + "stroke-width=\"1\" stroke-dasharray=\"3 3\"/>", x1, TOP, x1, plotBottom(), colour));
        // about 6.2 px a character at 11 px: what fits, with an ellipsis when cut
        int fits = (int) ((width - 8) / 6.2);
        if (fits >= 4) {
            String shown = label.length() <= fits ? label : label.substring(0, fits - 1) + "\u2026";
            svg.append(format("<text class=\"mesh-phase-label\" x=\"%.1f\" y=\"%d\" font-size=\"11\" "
                    + "fill=\"%s\">%s</text>", x1 + 4, TOP + 13, colour, escape(shown)));
        }
        svg.append("</g>");
        return this;
    }

    /** A short label at the right end of the plot, beside a line at that height. */
    SvgChart rightLabel(double py, String cssClass, String colour, String text) {
        svg.append(format("<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"%s\">%s</text>",
                escape(cssClass), plotRight() + 6, py + 4, colour, escape(text)));
        return this;
    }

    /** The legend, in a row below the time axis. */
    SvgChart legend(List<LegendItem> items) {
        double py = height - 10;
        double px = LEFT;
        for (LegendItem item : items) {
            switch (item.shape()) {
                case "dot" -> svg.append(format("<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>",
                        escape(item.cssClass()), px + 6, py - 4, item.colour()));
                case "band" -> svg.append(format("<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"14\" "
                        + "height=\"10\" fill=\"%s\" fill-opacity=\"0.25\"/>", escape(item.cssClass()), px,
                        py - 9, item.colour()));
                case "ring" -> svg.append(format("<circle class=\"%s mesh-hollow\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" "
                        + "fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>", escape(item.cssClass()), px + 6, py - 4,
                        item.colour()));
                default -> svg.append(format("<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                        + "stroke=\"%s\" stroke-width=\"2\"%s/>", escape(item.cssClass()), px, py - 4, px + 14,
                        py - 4, item.colour(), item.shape().equals("dashed") ? " stroke-dasharray=\"4 3\"" : ""));
            }
            svg.append(format("<text class=\"mesh-legend\" x=\"%.1f\" y=\"%.1f\" font-size=\"11\" "
                    + "fill=\"currentColor\">%s</text>", px + 20, py, escape(item.label())));
            px += 34 + 6.2 * item.label().length();
        }
        return this;
    }

    String render() {
        return svg + "</svg>";
    }

    /** The smallest round step that puts at most six ticks on the axis. */
    static long tickStep(long endMs) {
        for (long seconds : TICK_SECONDS) {
            if (endMs / (seconds * 1000) <= 6) {
                return seconds * 1000;
            }
        }
        return TICK_SECONDS[TICK_SECONDS.length - 1] * 1000 * (1 + endMs / (6 * 86_400_000L));
    }

    private static String points(List<double[]> points) {
        StringBuilder out = new StringBuilder();
        for (double[] p : points) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(format("%.1f,%.1f", p[0], p[1]));
        }
        return out.toString();
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    private static String escape(String text) {
        return ReportText.escape(text);
    }
}
